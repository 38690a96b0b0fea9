package io.auditlog.common.tenancy;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Checks every verified token once more for what signature and expiry do not cover, before any endpoint sees it:
 * an account claim that is not exactly a valid account id, a subject or email the platform cannot store or use
 * ({@link UserClaims}), and an {@code iat} in the future beyond the allowed clock skew. Each is a 401, for every
 * endpoint alike, so no endpoint can forget the check.
 */
@ApplicationScoped
public class TokenChecks implements SecurityIdentityAugmentor {

    private static final Logger LOG = Logger.getLogger(TokenChecks.class);

    @Inject
    TenancyConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        AccountClaims.Claim account = AccountClaims.read(token, config.accountClaim());
        if (account.isInvalid()) {
            return refuse(token, account.problem());
        }
        if (token.getSubject() != null && UserClaims.subjectProblem(token.getSubject()) != null) {
            return refuse(token, UserClaims.subjectProblem(token.getSubject()));
        }
        if (token.containsClaim("email") && token.getClaim("email") != null
                && UserClaims.emailProblem(token.getClaim("email")) != null) {
            return refuse(token, UserClaims.emailProblem(token.getClaim("email")));
        }
        long issuedAt = token.getIssuedAtTime();
        if (issuedAt > Instant.now().plus(config.maxClockSkew()).getEpochSecond()) {
            return refuse(token, "The token was issued in the future (iat " + Instant.ofEpochSecond(issuedAt) + ")");
        }
        return Uni.createFrom().item(identity);
    }

    private static Uni<SecurityIdentity> refuse(JsonWebToken token, String why) {
        // The token id is logged (not the subject, which may be the malformed part) so an operator can find the
        // identity provider's user or client with a bad mapping.
        LOG.warnf("Refused a token (jti %s, issuer %s): %s", token.getTokenID(), token.getIssuer(), why);
        return Uni.createFrom().failure(new AuthenticationFailedException(why));
    }
}
