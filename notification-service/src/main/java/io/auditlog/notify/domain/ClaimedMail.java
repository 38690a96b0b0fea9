package io.auditlog.notify.domain;

import java.time.Instant;
import java.util.UUID;

/** An outbox mail leased for one attempt: its notification id, the attempt's number, and what to send. */
public record ClaimedMail(UUID id, int attempt, Instant createdAt, String recipient, String subject, String textBody,
        String htmlBody) {
}
