package io.auditlog.analytics.api;

import java.time.Instant;

/** Where the feed consumer is: its opaque feed position, events applied since the last rebuild, last change. */
public record ConsumerStatus(String position, long eventsApplied, Instant updatedAt) {
}
