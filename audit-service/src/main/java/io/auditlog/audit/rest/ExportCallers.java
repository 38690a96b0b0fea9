package io.auditlog.audit.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.AccountIds;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The account of a call the export-service makes for a report (the export stream, the report's proofs): a super
 * admin's is the token's own; the export-service, a client of all accounts, names it. No user token can name
 * another account.
 */
@ApplicationScoped
class ExportCallers {

    private final CallerAccount caller;
    private final SecurityIdentity identity;

    ExportCallers(CallerAccount caller, SecurityIdentity identity) {
        this.caller = caller;
        this.identity = identity;
    }

    String account(String named) {
        if (identity.hasRole(Roles.ADMIN)) {
            caller.accountId(); // a super admin always belongs to one account: 403 without the claim
            return caller.accountFor(named, "account");
        }
        if (!AccountIds.isValid(named)) {
            throw ProblemException.badRequest("account", "is required for service clients: " + AccountIds.RULE);
        }
        return named;
    }
}
