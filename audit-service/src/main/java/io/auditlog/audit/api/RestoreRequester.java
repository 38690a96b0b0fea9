package io.auditlog.audit.api;

/** The super admin who asked for a restore: their user id (the token subject) and name. */
public record RestoreRequester(String id, String name) {
}
