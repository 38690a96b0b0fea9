package io.auditlog.audit.rest;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.auditlog.audit.domain.ActingAdmin;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;

/**
 * The caller as the person an action is recorded under. Every action by a person names them, so a token without a
 * subject cannot act (401) even where its roles would allow the call.
 */
@ApplicationScoped
class ActingAdmins {

    private final CallerAccount caller;
    private final JsonWebToken token;

    ActingAdmins(CallerAccount caller, JsonWebToken token) {
        this.caller = caller;
        this.token = token;
    }

    ActingAdmin current() {
        String subject = caller.userId();
        if (subject == null) {
            throw new ProblemException(401, "Unauthorized", "The token has no subject (sub) claim", List.of());
        }
        String email = caller.email();
        return new ActingAdmin(caller.accountId(), subject, PeopleRecorder.displayName(token, email), email);
    }
}
