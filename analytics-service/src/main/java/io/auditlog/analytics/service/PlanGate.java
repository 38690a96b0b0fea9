package io.auditlog.analytics.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.client.AuditClient;
import io.auditlog.analytics.domain.Plan;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Lets only accounts whose plan includes the Analyze tab ({@link Plan#includesAnalytics()}) see it. The plan is the
 * audit-service's to know: it is asked with the caller's own token (cached briefly per account, see AuditClient).
 */
@ApplicationScoped
public class PlanGate {

    private final AuditClient audit;

    PlanGate(AuditClient audit) {
        this.audit = audit;
    }

    /** Passes when the account's plan includes analytics; a 403 problem saying why for any other plan. */
    public Uni<Void> requireEnterprise(String accountId, String callerToken) {
        return audit.planOf(accountId, callerToken).invoke(plan -> {
            if (!Plan.named(plan).map(Plan::includesAnalytics).orElse(false)) {
                throw new ProblemException(403, "Enterprise plan required", "The Analyze tab is an Enterprise "
                        + "feature; this account is on the " + plan + " plan", List.of());
            }
        }).replaceWithVoid();
    }
}
