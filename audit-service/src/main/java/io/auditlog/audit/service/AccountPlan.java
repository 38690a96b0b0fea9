package io.auditlog.audit.service;

import io.auditlog.audit.domain.Plan;

/** An account's effective plan and where it comes from: CONFIGURATION, ACCOUNT (set by an operator) or DEFAULT. */
public record AccountPlan(String accountId, Plan plan, String source) {
}
