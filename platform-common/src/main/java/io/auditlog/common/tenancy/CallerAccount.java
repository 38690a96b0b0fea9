package io.auditlog.common.tenancy;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.auditlog.common.problem.ProblemException;

/**
 * The account and user a request acts for, taken from the verified access token only: a request can never
 * name another account.
 */
@RequestScoped
public class CallerAccount {

    @Inject
    JsonWebToken token;

    @Inject
    TenancyConfig config;

    /** The caller's account id; a token without one may not touch account data. */
    public String accountId() {
        Object claim = token.getClaim(config.accountClaim());
        String account = claim == null ? null : String.valueOf(claim).replace("\"", "");
        if (account == null || account.isBlank()) {
            throw ProblemException.forbidden("The token carries no " + config.accountClaim() + " claim");
        }
        return account;
    }

    /** The caller's user id (the token subject). */
    public String userId() {
        return token.getSubject();
    }

    /** The caller's email, when the token has one. */
    public String email() {
        Object email = token.getClaim("email");
        return email == null ? null : String.valueOf(email).replace("\"", "");
    }
}
