package io.auditlog.notify.api;

/** The answer of "mark all read": how many notifications were unread and are now read. */
public record MarkedRead(int marked) {
}
