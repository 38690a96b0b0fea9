package io.auditlog.audit.rest.api;


import io.auditlog.audit.domain.Plan;

public record PlanChange(Plan plan) {
}
