package io.auditlog.audit.domain;

import java.util.List;
import java.util.Set;

import io.auditlog.common.problem.ProblemException;

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

    /**
     * A log query narrowed to what this plan shows: every read of the log (search, export) goes through here. A
     * query naming a category the plan does not include is a 403 that says why, rather than an empty answer that
     * would read as "nothing happened".
     */
    public EventFilter narrow(EventFilter filter) {
        List<String> limit = categoryLimit();
        if (limit.isEmpty()) {
            return filter;
        }
        if (filter.categories().isEmpty()) {
            return filter.withCategories(limit);
        }
        filter.categories().stream().filter(c -> !seesCategory(c)).findFirst().ifPresent(c -> {
            throw ProblemException.forbidden("The " + this + " plan shows only " + String.join(" and ", limit)
                    + " events; category " + c + " needs the ENTERPRISE plan");
        });
        return filter;
    }
}
