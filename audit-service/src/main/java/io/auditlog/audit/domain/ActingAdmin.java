package io.auditlog.audit.domain;

/**
 * The super admin doing something to the log (commenting, asking for a restore), as their verified token names
 * them: the account, the subject, a display name and the address when the token's is usable.
 */
public record ActingAdmin(String accountId, String userId, String name, String email) {
}
