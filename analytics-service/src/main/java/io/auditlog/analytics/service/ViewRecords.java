package io.auditlog.analytics.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.client.AuditClient;
import io.smallrye.mutiny.Uni;

/**
 * Records a person's view of a dashboard section in the audit log (AUDIT_LOG ANALYTICS/VIEWED, docs/architecture.md
 * "Who looked at the log"), through the audit-service with the person's own token: the audit-service takes the
 * person from it and coalesces repeats. Strict like every read of the log: the section is answered only once its
 * record is written, which runs beside the rollup query rather than after it.
 */
@ApplicationScoped
public class ViewRecords {

    private final AuditClient audit;

    ViewRecords(AuditClient audit) {
        this.audit = audit;
    }

    /** Records that the token's person viewed {@code section} with {@code params} (as sent). */
    public Uni<Void> viewed(String callerToken, String section, Map<String, Object> params) {
        return audit.recordAnalyticsView(callerToken, section, params);
    }

    /** The answer of {@code query}, once it and {@code record} have both succeeded (run together). */
    static <T> Uni<T> with(Uni<T> query, Uni<Void> record) {
        return Uni.combine().all().unis(query, record.replaceWith(Boolean.TRUE)).asTuple()
                .map(both -> both.getItem1());
    }

    /** The parameters given (names and values in pairs), those not sent left out. */
    static Map<String, Object> params(Object... pairs) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value instanceof String text && !text.isEmpty()
                    || value instanceof List<?> list && !list.isEmpty()) {
                params.put((String) pairs[i], value);
            }
        }
        return params;
    }
}
