package io.auditlog.analytics.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.client.AuditClient;
import io.auditlog.analytics.domain.CatalogCodes;
import io.auditlog.analytics.domain.SeriesFilter;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a series filter naming a category or action the audit catalog does not have, as the log itself does:
 * {@code category=NOPE} would otherwise be answered with zeros, a wrong answer that looks right. The catalog is the
 * audit-service's (it changes only with its releases), asked with the caller's own token and kept for a few minutes;
 * filters without codes never ask.
 */
@ApplicationScoped
public class CatalogCheck {

    static final Duration KEEP = Duration.ofMinutes(5);

    private record Kept(CatalogCodes codes, long fetchedAt) {
    }

    private final AuditClient audit;
    private volatile Kept kept;

    CatalogCheck(AuditClient audit) {
        this.audit = audit;
    }

    /** Passes when every code of {@code filter} is in the catalog; else a 400 naming each parameter at fault. */
    public Uni<Void> requireKnownCodes(SeriesFilter filter, String callerToken) {
        if (filter.categories().isEmpty() && filter.actions().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return codes(callerToken).invoke(codes -> {
            List<FieldProblem> problems = new ArrayList<>();
            unknown("category", filter.categories(), codes.categories(), problems);
            unknown("action", filter.actions(), codes.actions(), problems);
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
        }).replaceWithVoid();
    }

    private Uni<CatalogCodes> codes(String callerToken) {
        Kept now = kept;
        if (now != null && System.nanoTime() - now.fetchedAt() < KEEP.toNanos()) {
            return Uni.createFrom().item(now.codes());
        }
        return audit.catalogCodes(callerToken).invoke(codes -> kept = new Kept(codes, System.nanoTime()));
    }

    private static void unknown(String parameter, List<String> values, Set<String> known, List<FieldProblem> problems) {
        for (String value : values) {
            if (!known.contains(value)) {
                problems.add(new FieldProblem(parameter, "unknown value \"" + value + "\"; must be one of "
                        + String.join(", ", known.stream().sorted().toList())));
                return;
            }
        }
    }
}
