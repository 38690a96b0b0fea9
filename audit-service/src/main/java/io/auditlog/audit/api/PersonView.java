package io.auditlog.audit.api;

import java.time.Instant;

/** A super admin of the account, as the mention picker lists them. */
public record PersonView(String userId, String name, String email, Instant lastSeenAt) {
}
