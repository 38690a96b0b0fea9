package io.auditlog.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's findings: filled in as the run goes, printed as text and written as JSON. The targets:
 * API ingest at least half as fast as the faster plain load; API query p99 at most 2 x plain SQL p99 + 5 ms.
 */
public final class Report extends BenchReport {

    static final double INGEST_TARGET = 0.5;
    static final double QUERY_FACTOR = 2.0;
    static final double QUERY_ALLOWANCE_MS = 5.0;

    static final java.util.Set<String> TIMED_PHASES = java.util.Set.of("API ingest", "COPY", "INSERT", "queries");
    List<String> schemaDifferences = List.of();
    ApiIngestLoad.Result api;
    long apiRowsStored = -1;
    long apiKeysStored = -1;
    PlainLoad.Result copy;
    long copyRowsStored = -1;
    PlainLoad.Result insert;
    long insertRowsStored = -1;
    QueryTiming.Result query;
    LogAccessTiming.Result logAccess;

    // ---------------------------------------------------------------- verdicts

    double bestPlainRate() {
        return Math.max(copy == null ? 0 : copy.rowsPerSecond(), insert == null ? 0 : insert.rowsPerSecond());
    }

    String bestPlainName() {
        if (copy == null && insert == null) {
            return "none";
        }
        return copy != null && (insert == null || copy.rowsPerSecond() >= insert.rowsPerSecond()) ? "COPY" : "INSERT";
    }

    Double ingestRatio() {
        return api == null || bestPlainRate() == 0 ? null : api.eventsPerSecond() / bestPlainRate();
    }

    Boolean ingestTargetMet() {
        Double ratio = ingestRatio();
        return ratio == null ? null : ratio >= INGEST_TARGET && api.ok();
    }

    /** Pairs of (API timing, SQL timing) for the same page. */
    List<QueryTiming.Timing[]> queryPairs() {
        List<QueryTiming.Timing[]> pairs = new ArrayList<>();
        if (query != null) {
            for (QueryTiming.Timing api : query.timings()) {
                if (api.name().startsWith("API ")) {
                    String sqlName = "SQL " + api.name().substring(4);
                    query.timings().stream().filter(t -> t.name().equals(sqlName)).findFirst()
                            .ifPresent(sql -> pairs.add(new QueryTiming.Timing[] {api, sql}));
                }
            }
        }
        return pairs;
    }

    static double budget(QueryTiming.Timing sql) {
        return QUERY_FACTOR * sql.millis().p99() + QUERY_ALLOWANCE_MS;
    }

    static boolean queryTargetMet(QueryTiming.Timing api, QueryTiming.Timing sql) {
        return api.millis().p99() <= budget(sql);
    }

    boolean allTargetsMet() {
        boolean met = Boolean.TRUE.equals(ingestTargetMet());
        List<QueryTiming.Timing[]> pairs = queryPairs();
        met &= !pairs.isEmpty() && query != null && !query.apiFailed();
        met &= logAccess != null && logAccess.targetMet();
        for (QueryTiming.Timing[] pair : pairs) {
            met &= queryTargetMet(pair[0], pair[1]);
        }
        return met;
    }

    // ---------------------------------------------------------------- text

    @Override
    public String text() {
        StringBuilder out = new StringBuilder();
        opening(out, "AUDIT-SERVICE INGEST AND QUERY BENCHMARK vs PLAIN POSTGRESQL", RunSupport.labels(
                List.of(CpuMonitor.SERVICE, CpuMonitor.POSTGRES, CpuMonitor.BENCHMARK, CpuMonitor.KERNEL,
                        CpuMonitor.OTHER), Map.of(CpuMonitor.SERVICE, "service")), TIMED_PHASES);
        out.append('\n');
        out.append("Data\n");
        data.forEach((k, v) -> out.append(String.format("  %-20s %s%n", k, v)));
        out.append(String.format("  %-20s %s%n", "twin table",
                schemaDifferences.isEmpty() ? "bench_plain.event is identical to audit.event (columns, partitioning, "
                        + "partitions, 5 indexes)" : "DIFFERS from audit.event:"));
        schemaDifferences.forEach(d -> out.append("    - ").append(d).append('\n'));

        out.append("\nIngest (rows/s, higher is better)\n");
        if (api != null) {
            out.append(String.format("  %-44s %12s rows/s   %,d events in %.1f s, %d requests, statuses %s%n",
                    "API POST /api/v1/events (" + setup.get("api clients") + " clients x " + setup.get("batch size")
                            + ")", rate(api.eventsPerSecond()), api.events(), api.seconds(), api.requests(),
                    api.statuses()));
            out.append(String.format("  %-44s %12s          request p50 %.0f ms, p99 %.0f ms, max %.0f ms; %,d rows "
                    + "stored, %,d idempotency keys%n", "", "", api.requestMillis().p50(), api.requestMillis().p99(),
                    api.requestMillis().max(), apiRowsStored, apiKeysStored));
            if (!api.ok()) {
                out.append("  !! ").append(api.failedRequests()).append(" requests failed; first ones:\n");
                api.failures().forEach(f -> out.append("     ").append(f).append('\n'));
            }
        }
        for (PlainLoad.Result plain : new PlainLoad.Result[] {copy, insert}) {
            if (plain != null) {
                out.append(String.format("  %-44s %12s rows/s   %,d rows in %.1f s (%s), %,d rows stored%n",
                        "plain " + plain.method(), rate(plain.rowsPerSecond()), plain.rows(), plain.seconds(),
                        plain.detail(), plain == copy ? copyRowsStored : insertRowsStored));
            }
        }
        Double ratio = ingestRatio();
        if (ratio != null) {
            out.append(String.format("  API / fastest plain (%s): %.1f%%   target >= %.0f%%: %s%n", bestPlainName(),
                    100 * ratio, 100 * INGEST_TARGET, verdict(ingestTargetMet())));
        }

        if (query != null) {
            out.append(String.format("%nQuery: account %s, category LOGIN, %s .. %s, limit 50, newest first "
                    + "(%,d matching rows)%n", query.accountId(), query.from(), query.to(), query.matchingRows()));
            if (query.deepPage() != null) {
                out.append("  deep page: ").append(query.deepPage().note()).append(", keyset (")
                        .append(query.deepPage().keysetOccurredAt()).append(", ").append(query.deepPage().keysetSeq())
                        .append(") = last row of the page before (").append(query.deepPage().previousId())
                        .append(")\n");
            }
            out.append(String.format("  %-26s %9s %9s %9s %9s %6s  %s%n", "", "p50 ms", "p90 ms", "p99 ms", "max ms",
                    "rows", "check"));
            for (QueryTiming.Timing t : query.timings()) {
                out.append(String.format("  %-26s %9.2f %9.2f %9.2f %9.2f %6d  %s%n", t.name(), t.millis().p50(),
                        t.millis().p90(), t.millis().p99(), t.millis().max(), t.rows(), t.check()));
            }
            out.append("  SQL rows: JDBC prepared statement, planned for its values on every execution "
                    + "(plan_cache_mode = force_custom_plan);\n  " + QueryTiming.GENERIC_SUFFIX.trim()
                    + ": the same with a cached generic plan (force_generic_plan), for information only;\n  "
                    + QueryTiming.HTTP_FLOOR + ": GET /q/health/live through the same client, the HTTP share of "
                    + "every API time, for information only.\n");
            for (QueryTiming.Timing[] pair : queryPairs()) {
                out.append(String.format("  %-26s API p99 / SQL p99 = %.2f; API p50 / SQL p50 = %.2f; "
                        + "target API p99 <= 2 x %.2f + 5 = %.2f ms: %s%n", pair[0].name().replace("API ", ""),
                        pair[0].millis().p99() / pair[1].millis().p99(), pair[0].millis().p50() / pair[1].millis().p50(),
                        pair[1].millis().p99(), budget(pair[1]), verdict(queryTargetMet(pair[0], pair[1]))));
            }
            out.append("  SQL: ").append(query.sql()).append('\n');
            out.append("  deep-page SQL adds: AND (occurred_at, seq) < ($5, $6)\n");
        }
        if (logAccess != null) {
            out.append(String.format("%nWho looked at the log: the first page with person tokens, interleaved "
                    + "(%d AUDIT_LOG events written, %d expected)%n", logAccess.recordsWritten(),
                    logAccess.recordsExpected()));
            out.append(String.format("  %-60s %9s %9s %9s %9s%n", "", "p50 ms", "p90 ms", "p99 ms", "max ms"));
            for (LogAccessTiming.Series t : logAccess.series()) {
                out.append(String.format("  %-60s %9.2f %9.2f %9.2f %9.2f%n", t.name(), t.millis().p50(),
                        t.millis().p90(), t.millis().p99(), t.millis().max()));
            }
            out.append(String.format("  p99 on / off, same people: %.3f writing (new person), %.3f coalesced "
                    + "(repeating); target <= %.2f: %s%n", logAccess.ratioWriting(), logAccess.ratioCoalesced(),
                    LogAccessTiming.TARGET_RATIO, verdict(logAccess.targetMet())));
            out.append(String.format("  for information, a person's first call (sighting) with recording off: "
                    + "p99 new / repeating person %.3f%n", logAccess.ratioFirstCall()));
        }

        closing(out, "ALL TARGETS MET: " + (allTargetsMet() ? "YES" : "NO"));
        return out.toString();
    }

    private static String rate(double perSecond) {
        return String.format("%,.0f", perSecond);
    }

    // ---------------------------------------------------------------- JSON

    @Override
    public Map<String, Object> json() {
        Map<String, Object> root = jsonHead();
        root.put("twinTableIdentical", schemaDifferences.isEmpty());
        root.put("twinTableDifferences", schemaDifferences);

        Map<String, Object> ingest = new LinkedHashMap<>();
        if (api != null) {
            Map<String, Object> a = api.json();
            a.put("rowsStored", apiRowsStored);
            a.put("idempotencyKeysStored", apiKeysStored);
            ingest.put("api", a);
        }
        if (copy != null) {
            ingest.put("copy", plain(copy, copyRowsStored));
        }
        if (insert != null) {
            ingest.put("insert", plain(insert, insertRowsStored));
        }
        ingest.put("fastestPlain", bestPlainName());
        ingest.put("apiToFastestPlain", ingestRatio());
        ingest.put("target", "API rows/s >= " + INGEST_TARGET + " x fastest plain rows/s");
        ingest.put("targetMet", ingestTargetMet());
        root.put("ingest", ingest);

        if (query != null) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("accountId", query.accountId());
            q.put("category", "LOGIN");
            q.put("from", query.from().toString());
            q.put("to", query.to().toString());
            q.put("limit", 50);
            q.put("matchingRows", query.matchingRows());
            q.put("sql", query.sql());
            q.put("deepPageSql", query.deepSql());
            if (query.deepPage() != null) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("page", query.deepPage().page());
                d.put("note", query.deepPage().note());
                d.put("keysetOccurredAt", String.valueOf(query.deepPage().keysetOccurredAt()));
                d.put("keysetSeq", query.deepPage().keysetSeq());
                d.put("rowBefore", query.deepPage().previousId());
                q.put("deepPage", d);
            }
            List<Object> timings = new ArrayList<>();
            for (QueryTiming.Timing t : query.timings()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", t.name());
                m.put("millis", t.millis());
                m.put("rows", t.rows());
                m.put("check", t.check());
                timings.add(m);
            }
            q.put("timings", timings);
            List<Object> comparisons = new ArrayList<>();
            for (QueryTiming.Timing[] pair : queryPairs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("api", pair[0].name());
                m.put("sql", pair[1].name());
                m.put("apiP99ToSqlP99", pair[0].millis().p99() / pair[1].millis().p99());
                m.put("apiP50ToSqlP50", pair[0].millis().p50() / pair[1].millis().p50());
                m.put("budgetMillis", budget(pair[1]));
                m.put("target", "API p99 <= " + QUERY_FACTOR + " x SQL p99 + " + QUERY_ALLOWANCE_MS + " ms");
                m.put("targetMet", queryTargetMet(pair[0], pair[1]));
                comparisons.add(m);
            }
            q.put("comparisons", comparisons);
            root.put("query", q);
        }
        if (logAccess != null) {
            root.put("logAccess", logAccess.json());
        }
        root.put("problems", problems);
        root.put("allTargetsMet", allTargetsMet());
        return root;
    }

    private static Map<String, Object> plain(PlainLoad.Result r, long stored) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", r.method());
        m.put("rows", r.rows());
        m.put("seconds", r.seconds());
        m.put("rowsPerSecond", r.rowsPerSecond());
        m.put("sessions", r.sessions());
        m.put("detail", r.detail());
        m.put("rowsStored", stored);
        return m;
    }
}
