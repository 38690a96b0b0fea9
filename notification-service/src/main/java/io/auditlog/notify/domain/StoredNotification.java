package io.auditlog.notify.domain;

import java.time.Instant;
import java.util.UUID;

/** A notification of the in-app list as stored ({@code readAt} null while unread). */
public record StoredNotification(UUID id, String kind, String title, String summary, String link, String eventId,
        Instant occurredAt, Instant createdAt, Instant readAt) {
}
