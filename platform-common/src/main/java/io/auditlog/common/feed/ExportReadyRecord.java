package io.auditlog.common.feed;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An item of the export-service's export-ready feed ({@code GET /internal/v1/export-ready}): the report of job
 * {@code jobId} is ready, to be announced to its requester once.
 *
 * @param requesterEmail the address the requester's token carried (null when it had none)
 * @param download where the report is listed, relative to the export-service
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportReadyRecord(String jobId, String accountId, String requestedBy, String requesterEmail,
        Instant createdAt, String download) {
}
