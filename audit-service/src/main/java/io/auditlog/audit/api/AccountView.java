package io.auditlog.audit.api;

import java.util.List;

import io.auditlog.audit.domain.Plan;

/** The caller's account as the console needs it: plan, its source, and what the plan shows. */
public record AccountView(String accountId, Plan plan, String planSource, List<String> visibleCategories,
        boolean eventDetails) {
}
