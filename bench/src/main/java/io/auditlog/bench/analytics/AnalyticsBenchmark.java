package io.auditlog.bench.analytics;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.auditlog.bench.BenchDatabase;
import io.auditlog.bench.Options;
import io.auditlog.bench.Stats;
import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceProcess;

/**
 * The analytics-service on N events (default ten million, mixed accounts): how fast it builds its rollups from the
 * real audit feed, how fast the 30-day summary and the 90-day series answer through its API against the plain SQL
 * GROUP BY over the raw events in the same run (and that both give the same totals), and the lag from ingest to
 * the dashboards counting an event. Run with bench/run-analytics.sh; see analytics-service/README.md.
 */
public final class AnalyticsBenchmark {

    private static final String[] ROLLUPS = { "summary_hour", "breakdown_hour", "activity_hour", "activity_quarter",
            "actor_quarter", "object_quarter" };

    private AnalyticsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Options.projectRoot();
        AnalyticsOptions options = Options.parseOrExit(() -> AnalyticsOptions.parse(args), AnalyticsOptions.usage());
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));
        report.put("events", options.events());
        report.put("accounts", options.accounts());
        Files.createDirectories(options.out());

        step("PostgreSQL: database " + options.database() + ", dropping schemas audit and analytics");
        PostgresEndpoint endpoint = LocalPostgres.database(options.database());
        BenchDatabase db = new BenchDatabase(endpoint);
        db.dropSchemas(List.of("audit", "analytics"));

        LocalIdentity identity = LocalIdentity.generate();
        Map<String, String> common = ServiceEnvironment.of(endpoint, identity);
        int auditPort = ChildProcesses.freePort();
        int analyticsPort = ChildProcesses.freePort();
        Map<String, String> analyticsEnv = new LinkedHashMap<>(common);
        analyticsEnv.put("ANALYTICS_AUDIT_URL", "http://127.0.0.1:" + auditPort);
        analyticsEnv.putAll(TokenEndpoint.start(identity, Duration.ofMinutes(5), 0)
                .clientEnvironment("analytics-service"));
        String operator = identity.token("bench-operator", null, List.of("platform-operator"), Duration.ofHours(12));
        Http http = new Http();

        try (ServiceProcess audit = ServiceProcess.jar("audit-service", options.auditJar())
                .javaOptions(options.serviceJavaOpts()).port(auditPort).environment(common)
                .log(options.out().resolve("analytics-bench-audit-service.log")).directory(root).stopOnExit().start()) {
            audit.awaitReady(Duration.ofMinutes(3));
            step("audit-service ready; bulk-loading " + options.events() + " events into audit.event (SQL, see BulkLoad)");
            double loadSeconds = BulkLoad.load(db, options.events(), options.accounts());
            report.put("bulk load seconds", round(loadSeconds));
            step("VACUUM ANALYZE audit.event");
            db.execute("VACUUM ANALYZE audit.event");
            long stored = db.count("audit.event");
            Map.Entry<String, Long> busiest = db.busiestAccount();
            report.put("busiest account", busiest.getKey() + " (" + busiest.getValue() + " events)");

            step("Starting the analytics-service; it builds its rollups from the feed");
            try (ServiceProcess analytics = ServiceProcess.jar("analytics-service", options.analyticsJar())
                    .javaOptions(options.serviceJavaOpts()).port(analyticsPort).environment(analyticsEnv)
                    .log(options.out().resolve("analytics-bench-analytics-service.log")).directory(root).stopOnExit()
                    .start()) {
                long started = System.nanoTime();
                analytics.awaitReady(Duration.ofMinutes(3));
                URI status = analytics.baseUri().resolve("/internal/v1/analytics/status");
                long applied = 0;
                long lastPrint = started;
                while (applied < stored) {
                    Thread.sleep(500);
                    applied = http.get(status, operator).path("eventsApplied").asLong();
                    if (System.nanoTime() - lastPrint > 15_000_000_000L) {
                        lastPrint = System.nanoTime();
                        step(String.format("  caught up %,d of %,d events (%,.0f events/s)", applied, stored,
                                applied / ((lastPrint - started) / 1e9)));
                    }
                    if (!analytics.isAlive()) {
                        throw new IllegalStateException("the analytics-service died:\n" + analytics.tail(40));
                    }
                }
                double catchUp = (System.nanoTime() - started) / 1e9;
                report.put("catch-up seconds (service start to all events applied)", round(catchUp));
                report.put("catch-up events/s", Math.round(stored / catchUp));
                step(String.format("Caught up: %,d events in %.0f s (%,.0f events/s)", stored, catchUp, stored / catchUp));
                for (String table : ROLLUPS) {
                    db.execute("VACUUM ANALYZE analytics." + table);
                }
                report.put("rollup rows", rollupRows(db));

                String admin = identity.token("bench-admin", busiest.getKey(), List.of("audit-admin"), Duration.ofHours(12));
                List<DashboardTiming.Result> results = new ArrayList<>();
                for (String tz : List.of("UTC", "Asia/Kolkata")) {
                    step("Timing the 30-day summary and the 90-day series, tz " + tz);
                    results.add(DashboardTiming.summary(http, analytics.baseUri(), admin, db, busiest.getKey(), tz, 30, options));
                    results.add(DashboardTiming.series(http, analytics.baseUri(), admin, db, busiest.getKey(), tz, 90, options));
                }
                List<Map<String, Object>> dashboards = new ArrayList<>();
                for (DashboardTiming.Result r : results) {
                    dashboards.add(DashboardTiming.describe(r));
                    if (!r.same()) {
                        problems.add(r.name() + ": the API counts " + r.apiTotal() + ", plain SQL " + r.plainTotal());
                    }
                }
                report.put("dashboards", dashboards);

                String freshAccount = "acct-fresh-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
                step("Freshness lag: " + options.lagEvents() + " single events through the API, account " + freshAccount);
                FreshnessProbe.Result lag = FreshnessProbe.run(http, audit.baseUri(), analytics.baseUri(),
                        identity.token("bench-ingest", freshAccount, List.of("audit-ingest"), Duration.ofHours(1)),
                        identity.token("bench-fresh-admin", freshAccount, List.of("audit-admin"), Duration.ofHours(1)),
                        freshAccount, options.lagEvents());
                report.put("freshness lag (POST start to dashboard counting it)", lag.lag());
                report.put("ingest POST latency during the lag probe", lag.ingest());
                report.put("dashboard polls during the lag probe", lag.polls());
            }
        }
        report.put("problems", problems);
        String text = render(report);
        System.out.println(text);
        Path file = options.out().resolve("analytics-bench-report.txt");
        Files.writeString(file, text);
        Files.writeString(options.out().resolve("analytics-bench-report.json"),
                Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        step("Report: " + file);
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    private static Map<String, Long> rollupRows(BenchDatabase db) throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String table : ROLLUPS) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM analytics." + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        }
        return rows;
    }

    private static String render(Map<String, Object> report) {
        StringBuilder out = new StringBuilder("\n==== analytics-service benchmark ====\n");
        report.forEach((key, value) -> {
            if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
                out.append(key).append(":\n");
                for (Object item : list) {
                    Map<?, ?> r = (Map<?, ?>) item;
                    Stats.Summary api = (Stats.Summary) r.get("api");
                    Stats.Summary plain = (Stats.Summary) r.get("plain");
                    out.append(String.format("  %s%n    API   p50 %7.2f ms  p99 %7.2f ms  (n=%d)  total %d%n"
                            + "    plain p50 %7.2f ms  p99 %7.2f ms  (n=%d)  total %d   API p99 / plain p99 = %.3f%n",
                            r.get("dashboard"), api.p50(), api.p99(), api.count(), r.get("apiTotal"), plain.p50(),
                            plain.p99(), plain.count(), r.get("plainTotal"), api.p99() / plain.p99()));
                }
            } else if (value instanceof Stats.Summary s) {
                out.append(String.format("%s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)%n", key,
                        s.p50(), s.p90(), s.p99(), s.max(), s.count()));
            } else {
                out.append(key).append(": ").append(value).append('\n');
            }
        });
        return out.toString();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    static void step(String message) {
        System.out.printf("[%s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), message);
    }
}
