package io.auditlog.notify.domain;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** An item of the export-service's export-ready feed: a finished report for its requester. */
public record ExportReady(String jobId, String accountId, String requestedBy, String requesterEmail,
        Instant createdAt) {

    public static ExportReady of(JsonNode item) {
        JsonNode email = item.path("requesterEmail");
        return new ExportReady(item.path("jobId").asText(), item.path("accountId").asText(),
                item.path("requestedBy").asText(), email.isTextual() ? email.asText() : null,
                Instant.parse(item.path("createdAt").asText()));
    }
}
