package io.auditlog.notify.domain;

/** A rendered mail: what the outbox sends. */
public record MailContent(String subject, String text, String html) {
}
