package io.auditlog.audit.api;


import io.auditlog.audit.domain.Plan;

public record PlanChange(Plan plan) {
}
