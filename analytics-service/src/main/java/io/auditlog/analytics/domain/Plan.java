package io.auditlog.analytics.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The customer account's plan, as the audit-service (its owner) names it, and what it includes of the Analyze tab:
 * the product pages make it an Enterprise feature. The rule lives here, once; the service only asks it.
 */
public enum Plan {
    STARTER, PROFESSIONAL, ENTERPRISE;

    /** Whether the account may use the Analyze tab's dashboards. */
    public boolean includesAnalytics() {
        return this == ENTERPRISE;
    }

    /** The plan of that exact name; empty for a name this service does not know (which includes nothing). */
    public static Optional<Plan> named(String name) {
        return Arrays.stream(values()).filter(plan -> plan.name().equals(name)).findFirst();
    }
}
