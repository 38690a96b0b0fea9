package io.auditlog.audit.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.auditlog.common.tenancy.Roles;

/** Real RS256 tokens, signed by the key the service under test trusts (or, for forgeries, by another key). */
public final class Tokens {

    private static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final LocalIdentity STRANGER = LocalIdentity.generate();

    private Tokens() {
    }

    public static String admin(String account) {
        return LocalPlatformTestResource.identity().token("admin-of-" + account, account, List.of(Roles.ADMIN), LIFETIME);
    }

    public static String ingest(String account) {
        return LocalPlatformTestResource.identity().token("ingest-" + account, account, List.of(Roles.INGEST), LIFETIME);
    }

    public static String feed() {
        return LocalPlatformTestResource.identity().token("feed-consumer", null, List.of(Roles.FEED), LIFETIME);
    }

    /** The export-service: streams any account's events, naming the account. */
    public static String exportClient() {
        return LocalPlatformTestResource.identity().token("export-service", null, List.of(Roles.EXPORT), LIFETIME);
    }

    public static String operator() {
        return LocalPlatformTestResource.identity().token("operator", null, List.of(Roles.OPERATOR), LIFETIME);
    }

    /** A valid token of a user with no audit role. */
    public static String noRole(String account) {
        return LocalPlatformTestResource.identity().token("nobody", account, List.of("viewer"), LIFETIME);
    }

    /** An admin token that has no account claim. */
    public static String adminWithoutAccount() {
        return LocalPlatformTestResource.identity().token("admin", null, List.of(Roles.ADMIN), LIFETIME);
    }

    /** An ingest client of many accounts (a vendor backend, the export-service): no account claim. */
    public static String ingestForAllAccounts() {
        return LocalPlatformTestResource.identity().token("backend", null, List.of(Roles.INGEST), LIFETIME);
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String forged(String account) {
        return STRANGER.token("mallory", account, List.of(Roles.ADMIN, Roles.INGEST), LIFETIME);
    }

    /**
     * A validly signed token with {@code roles} whose account claim is {@code claim} exactly as given: any JSON
     * value (a string with quotes or NUL, a number, an array), which a careless or hostile identity provider
     * mapping could put there.
     */
    public static String withAccountClaim(Object claim, String... roles) {
        return LocalPlatformTestResource.identity().token("claimant", null, List.of(roles), LIFETIME,
                Map.of("account_id", claim));
    }

    public static String expired(String account) {
        return LocalPlatformTestResource.identity().token("late", account, List.of(Roles.ADMIN), Duration.ofMinutes(-10));
    }
}
