package io.auditlog.common.tenancy;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.auditlog.common.problem.ProblemException;
import io.quarkus.security.AuthenticationFailedException;

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
        return claimedAccountId().orElseThrow(
                () -> ProblemException.forbidden("The token carries no " + config.accountClaim() + " claim"));
    }

    /** The account the token names, if any: service clients of many accounts have none. */
    public Optional<String> claimedAccountId() {
        AccountClaims.Claim claim = AccountClaims.read(token, config.accountClaim());
        if (claim.isInvalid()) {
            // TokenChecks refuses such tokens before any endpoint runs; this keeps the rule where it is used too.
            throw new AuthenticationFailedException(claim.problem());
        }
        return claim.accountId();
    }

    /**
     * The account a request acts on: the token's when it names one (then {@code requested} must be absent or the
     * same), else {@code requested}, which a trusted service client of many accounts must give.
     */
    public String accountFor(String requested, String parameter) {
        Optional<String> claimed = claimedAccountId();
        if (claimed.isPresent()) {
            if (requested != null && !requested.equals(claimed.get())) {
                throw ProblemException.badRequest(parameter, "comes from the token, which names another account");
            }
            return claimed.get();
        }
        if (!AccountIds.isValid(requested)) {
            throw ProblemException.badRequest(parameter, "is required for a client of many accounts: " + AccountIds.RULE);
        }
        return requested;
    }

    /** The caller's user id (the token subject). */
    public String userId() {
        return token.getSubject();
    }

    /** The caller's email, when the token has one. */
    public String email() {
        Object email = token.getClaim("email");
        if (email instanceof JsonString json) {
            return json.getString();
        }
        return email instanceof String text ? text : null;
    }
}
