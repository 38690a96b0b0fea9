package io.auditlog.common.tenancy;

/** The roles a token may carry (from its groups claim, or Keycloak's realm_access.roles). */
public final class Roles {

    /** A customer's super admin: reads, exports, analyses, comments, manages views and own notifications. */
    public static final String ADMIN = "audit-admin";
    /** A service client that writes events. */
    public static final String INGEST = "audit-ingest";
    /** A service client that reads the change feed of all accounts. */
    public static final String FEED = "audit-feed";
    /** A service client (the export-service) that streams any account's events for reports, naming the account. */
    public static final String EXPORT = "audit-export";
    /** The vendor's operator: sets account plans. */
    public static final String OPERATOR = "platform-operator";

    private Roles() {
    }
}
