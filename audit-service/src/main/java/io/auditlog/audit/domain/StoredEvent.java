package io.auditlog.audit.domain;

import java.time.Instant;

/**
 * An event as recorded: the producer's fields plus the account, recording time and log order. The details stay
 * JSON text as stored: most reads pass them through unchanged, and parsing every row would cost more than the
 * rest of the row.
 */
public record StoredEvent(String accountId, String id, long seq, String txId, Instant occurredAt, Instant recordedAt,
        String category, String subcategory, String action, Actor actor, EventObject object, EventContext context,
        String detailsJson) {
}
