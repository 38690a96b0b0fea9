package io.auditlog.audit.api;

/** A person as comments name them: their user id (the token subject) and name. */
public record PersonRef(String userId, String name) {
}
