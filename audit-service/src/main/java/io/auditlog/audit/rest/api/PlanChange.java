package io.auditlog.audit.rest.api;

import jakarta.validation.constraints.NotNull;

import io.auditlog.audit.domain.Plan;

public record PlanChange(@NotNull(message = "is required") Plan plan) {
}
