package io.auditlog.notify.api;

import java.time.Instant;
import java.util.UUID;

/** A notification in the in-app list. */
public record NotificationView(UUID id, String kind, String title, String summary, String link, String eventId,
        Instant occurredAt, Instant createdAt, boolean read, Instant readAt) {
}
