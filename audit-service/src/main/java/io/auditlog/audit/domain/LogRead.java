package io.auditlog.audit.domain;

/**
 * One read of the log by a person, as its AUDIT_LOG event records it: who (the token's account, subject, name and
 * address), from where, what kind of read ({@code subcategory}/{@code action} of the AUDIT_LOG catalog), what was
 * read (the object, when there is one: the entry opened, the view searched), and the metadata (the filters used)
 * as a JSON object. {@code coalesceKey} is what makes two reads the same read (the canonical filters, the entry id);
 * {@code mayStartNew} is false for the next pages of a search, which write only when no record of the search
 * exists at all.
 */
public record LogRead(String accountId, String personId, String personName, String personEmail, String ip,
        String userAgent, String subcategory, String action, EventObject object, String detailsJson,
        String coalesceKey, boolean mayStartNew) {

    public static final String CATEGORY = "AUDIT_LOG";

    /** The kind of read: one coalescing space per subcategory and action. */
    public String kind() {
        return subcategory + '/' + action;
    }
}
