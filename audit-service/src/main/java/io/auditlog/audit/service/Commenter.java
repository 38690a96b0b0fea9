package io.auditlog.audit.service;

/** The super admin acting on comments, as their token names them. */
public record Commenter(String accountId, String userId, String name, String email) {
}
