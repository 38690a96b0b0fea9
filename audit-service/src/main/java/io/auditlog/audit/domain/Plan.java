package io.auditlog.audit.domain;

import java.util.List;
import java.util.Set;

/** The customer account's plan; it decides which categories and features the account gets. */
public enum Plan {
    STARTER, PROFESSIONAL, ENTERPRISE;

    private static final Set<String> LOGIN_AND_SECURITY = Set.of("LOGIN", "SECURITY");

    /** Whether the account may see and filter events of {@code category}. */
    public boolean seesCategory(String category) {
        return this == ENTERPRISE || LOGIN_AND_SECURITY.contains(category);
    }

    /** The categories the account is limited to, or an empty list when it sees them all. */
    public List<String> categoryLimit() {
        return this == ENTERPRISE ? List.of() : List.of("LOGIN", "SECURITY");
    }

    /** Starter and professional see who, where and how; the full metadata (before/after values) is enterprise. */
    public boolean seesDetails() {
        return this == ENTERPRISE;
    }
}
