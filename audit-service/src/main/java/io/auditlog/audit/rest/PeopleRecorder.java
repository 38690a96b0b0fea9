package io.auditlog.audit.rest;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.auditlog.audit.service.PeopleService;
import io.auditlog.common.tenancy.AccountClaims;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.common.tenancy.TenancyConfig;
import io.auditlog.common.tenancy.UserClaims;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Records every super admin who calls the API (their account, subject, name and address, from the token), so that
 * comments can mention them: the audit-service has no other source of who an account's super admins are. It runs
 * after the platform's token checks (a lower priority), changes nothing about the identity, and never holds a call
 * up for long or fails it: a sighting not written now is written at the person's next call.
 */
@ApplicationScoped
public class PeopleRecorder implements SecurityIdentityAugmentor {

    private static final Duration AT_MOST = Duration.ofSeconds(1);

    private final PeopleService people;
    private final TenancyConfig tenancy;

    PeopleRecorder(PeopleService people, TenancyConfig tenancy) {
        this.people = people;
        this.tenancy = tenancy;
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !identity.hasRole(Roles.ADMIN)
                || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        AccountClaims.Claim account = AccountClaims.read(token, tenancy.accountClaim());
        String subject = token.getSubject();
        if (account.isInvalid() || account.accountId().isEmpty() || subject == null
                || UserClaims.subjectProblem(subject) != null) {
            return Uni.createFrom().item(identity);
        }
        Object rawEmail = token.getClaim("email");
        String email = rawEmail != null && UserClaims.emailProblem(rawEmail) == null ? text(rawEmail) : null;
        return people.seen(account.accountId().get(), subject, displayName(token, email), email)
                .ifNoItem().after(AT_MOST).recoverWithItem((Void) null)
                .replaceWith(identity);
    }

    /** The name a comment shows: the token's name, else its user name, else the address, else the subject. */
    static String displayName(JsonWebToken token, String email) {
        for (String claim : new String[] { "name", "preferred_username" }) {
            String value = text(token.getClaim(claim));
            if (value != null && !value.isBlank() && value.length() <= 200
                    && io.auditlog.common.input.TextInput.singleLineProblem(value) == null) {
                return value.strip();
            }
        }
        return email != null ? email : token.getSubject();
    }

    private static String text(Object claim) {
        if (claim instanceof JsonString json) {
            return json.getString();
        }
        return claim instanceof String value ? value : null;
    }
}
