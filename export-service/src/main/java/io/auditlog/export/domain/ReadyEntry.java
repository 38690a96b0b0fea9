package io.auditlog.export.domain;

import java.time.Instant;
import java.util.UUID;

import io.auditlog.common.feed.FeedPosition;

/** A durable "the report of this job is ready" record, with its place in the export-ready feed. */
public record ReadyEntry(UUID jobId, String accountId, String requestedBy, String requesterEmail, Instant createdAt,
        FeedPosition position) {
}
