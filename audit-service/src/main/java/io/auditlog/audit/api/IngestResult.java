package io.auditlog.audit.api;

/** The stored id of one sent event, and whether this request created it (false: a repeat of a stored id). */
public record IngestResult(String id, boolean created) {
}
