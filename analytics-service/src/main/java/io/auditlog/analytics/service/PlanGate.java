package io.auditlog.analytics.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.client.AuditClient;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The Analyze tab is an Enterprise feature (the product pages). The plan is the audit-service's to know: it is
 * asked with the caller's own token (cached briefly per account, see AuditClient).
 */
@ApplicationScoped
public class PlanGate {

    static final String ENTERPRISE = "ENTERPRISE";

    private final AuditClient audit;

    PlanGate(AuditClient audit) {
        this.audit = audit;
    }

    /** Passes for an Enterprise account; a 403 problem saying why for any other plan. */
    public Uni<Void> requireEnterprise(String accountId, String callerToken) {
        return audit.planOf(accountId, callerToken).invoke(plan -> {
            if (!ENTERPRISE.equals(plan)) {
                throw new ProblemException(403, "Enterprise plan required", "The Analyze tab is an Enterprise "
                        + "feature; this account is on the " + plan + " plan", List.of());
            }
        }).replaceWithVoid();
    }

}
