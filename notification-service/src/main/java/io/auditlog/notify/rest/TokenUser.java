package io.auditlog.notify.rest;

import java.util.List;

import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;

/**
 * The caller as this service stores them: their account, user id and mail address, all from the token. The shared
 * token checks (platform-common {@code TokenChecks}, {@code UserClaims}) have already refused a subject or email the
 * platform cannot store or use; this service keys its rows by the subject, so a token without one is refused too.
 */
record TokenUser(String accountId, String userId, String email) {

    /** The caller's account (CallerAccount's rules), user id and address (null when the token has none); or 401. */
    static TokenUser of(CallerAccount caller) {
        String account = caller.accountId();
        String subject = caller.userId();
        if (subject == null) {
            throw new ProblemException(401, "Unauthorized", "The token has no subject (sub) claim", List.of());
        }
        return new TokenUser(account, subject, caller.email());
    }
}
