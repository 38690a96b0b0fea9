package io.auditlog.audit.domain;

/**
 * A person reading the log, from their verified token (account, subject, name, address) and their request (address,
 * user agent): the actor of the AUDIT_LOG events their reads write. Service clients (the export-service's and the
 * feed consumers' client credentials) are never readers: their reads are not recorded.
 */
public record LogReader(String accountId, String personId, String name, String email, String ip, String userAgent) {
}
