package io.auditlog.audit.domain;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An event as recorded: the producer's fields plus the account, recording time and log order. */
public record StoredEvent(String accountId, String id, long seq, String txId, Instant occurredAt, Instant recordedAt,
        String category, String subcategory, String action, Actor actor, EventObject object, EventContext context,
        ObjectNode details) {
}
