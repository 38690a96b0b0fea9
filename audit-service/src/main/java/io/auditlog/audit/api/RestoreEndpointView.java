package io.auditlog.audit.api;

import java.time.Instant;

/** A registered restore endpoint; the secret is never answered. */
public record RestoreEndpointView(String url, Instant updatedAt, Instant secretSetAt) {
}
