package io.auditlog.audit.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.EventObject;

/**
 * An event as returned (docs/architecture.md): the sent fields plus accountId, recordedAt and derived context.
 * {@code details} is the stored JSON object, written into the response as it is. Written by
 * {@link EventViewSerializer} (the same JSON, without reflection: the feed writes a thousand a page).
 */
@JsonSerialize(using = EventViewSerializer.class)
public record EventView(String id, String accountId, Instant occurredAt, Instant recordedAt, String category,
        String subcategory, String action, Actor actor, EventObject object, ContextView context,
        @JsonRawValue String details, EventLinks links) {
}
