package io.auditlog.notify.domain;

import java.time.Instant;

/**
 * A notification for one recipient about one occurrence (an event id, an account's day, a job id, a comment id):
 * stored at most once per recipient, kind and occurrence, whatever is replayed.
 */
public record NewNotification(String accountId, Recipient recipient, NotificationKind kind, String occurrence,
        String title, String summary, String link, String eventId, Instant occurredAt, MailContent mail) {
}
