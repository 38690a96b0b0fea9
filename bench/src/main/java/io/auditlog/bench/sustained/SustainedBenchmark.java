package io.auditlog.bench.sustained;

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
import java.util.concurrent.atomic.AtomicReference;

import io.auditlog.bench.ApiIngestLoad.PreparedBatch;
import io.auditlog.bench.BenchDatabase;
import io.auditlog.bench.CpuMonitor;
import io.auditlog.bench.Options;
import io.auditlog.bench.ServiceExport;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ServiceProcess;

/**
 * The sustained-load benchmark (issue #17): the four services as the local run starts them, on one PostgreSQL
 * database; ingest at the API's full speed for at least {@code duration} (and {@code events}); meanwhile every
 * second each feed consumer's distance from the feed's head, a trickle of alert events timed to their mails, the
 * analytics freshness, one export mid-way, and CPU and RSS per service. Then ingest stops and each consumer's drain
 * is timed; then the exactly-once checks. Writes report.md, report.json, samples.csv and lag.png to {@code out}.
 * Exit code 0: every check held; 1: an exactly-once check failed or ingest requests were refused; 2: the run
 * stopped on an error; 64: bad options. Targets not met are in the report, not in the exit code.
 */
public final class SustainedBenchmark {

    private SustainedBenchmark() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // the chart is drawn without a display
        SustainedOptions options = Options.parseOrExit(() -> SustainedOptions.parse(args), SustainedOptions.usage());
        try {
            System.exit(run(options));
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    private static int run(SustainedOptions o) throws Exception {
        Path root = Options.projectRoot();
        Files.createDirectories(o.out());
        SustainedReport report = new SustainedReport();
        step("PostgreSQL: database " + o.database() + ", dropping schemas " + Platform.SCHEMAS);
        PostgresEndpoint endpoint = LocalPostgres.database(o.database());
        BenchDatabase db = new BenchDatabase(endpoint);
        db.dropSchemas(Platform.SCHEMAS);
        describe(report, o, db, root);

        step(String.format("Generating the pool: %,d events over %d accounts, %d per request, occurred over %s",
                o.pool(), o.accounts(), o.eventsPerRequest(), o.spreadText()));
        List<PreparedBatch> pool = SustainedIngest.pool(o.seed(), o.accounts(), o.pool(), o.eventsPerRequest(),
                o.spread());
        List<String> accounts = SustainedIngest.accounts(o.accounts());

        step("Starting the four services (logs in " + o.out() + ")");
        try (Platform platform = Platform.start(o, endpoint, root); CpuMonitor cpu = new CpuMonitor()) {
            Map<String, Long> pids = new LinkedHashMap<>();
            for (ServiceProcess service : platform.services()) {
                pids.put(service.name(), service.pid());
                cpu.serviceStarted(service.name(), service.pid());
            }
            Api audit = new Api(platform.audit.baseUri());
            Map<String, String> ingestTokens = new LinkedHashMap<>();
            Api notify = new Api(platform.notify.baseUri());
            for (String account : accounts) {
                ingestTokens.put(account, platform.person("bench-ingest", account, List.of("audit-ingest"),
                        "ingest@" + account + ".bench.example"));
                // One super admin per account subscribed to the admin-permission-removed alert.
                notify.put("/api/v1/notification-settings", platform.person("bench-admin", account,
                        List.of("audit-admin"), "admin@" + account + ".bench.example"), Map.of("alerts",
                                Map.of("multipleExports", false, "adminPermissionRemoved", true), "mail",
                                Map.of("exportReady", true, "mentions", true), "multipleExportsThreshold", 10));
            }
            step("Services ready; " + accounts.size() + " super admins subscribed to the alert");
            cpu.mark("setup");

            long origin = System.nanoTime();
            SustainedIngest ingest = new SustainedIngest(platform.audit.baseUri(), ingestTokens, pool, o.clients(),
                    o.rate());
            AlertTrickle alerts = new AlertTrickle(new Api(platform.audit.baseUri()), platform.smtp, accounts,
                    ingestTokens, o.alertEvery());
            String fresh = "acct-fresh";
            Freshness freshness = new Freshness(new Api(platform.audit.baseUri()),
                    new Api(platform.analytics.baseUri()),
                    platform.person("bench-fresh-ingest", fresh, List.of("audit-ingest"), "ingest@fresh.example"),
                    platform.person("bench-fresh-admin", fresh, List.of("audit-admin"), "admin@fresh.example"),
                    o.freshnessEvery(), origin);
            AtomicReference<String> exportResult = new AtomicReference<>("not started");
            Thread exportThread = exportMidway(platform, accounts.get(0), o.duration().dividedBy(2), exportResult);

            try (LagSampler sampler = new LagSampler(db, pids, ingest::acknowledged, origin)) {
                step(String.format("Ingesting (%s): %d clients, for at least %s%s", o.rateText(), o.clients(),
                        o.duration(), o.minEvents() > 0 ? String.format(" and %,d events", o.minEvents()) : ""));
                ingest.start();
                alerts.start();
                freshness.start();
                exportThread.start();
                awaitEndOfIngest(o, ingest, sampler, platform);
                alerts.stopSending();
                freshness.stop();
                ingest.stop();
                // The drain is timed from the last ingest answer, not from the probes' end (one may wait a while).
                report.ingestStoppedAt = (System.nanoTime() - origin) / 1e9;
                sampler.phase("drain", 250);
                cpu.mark("ingest");
                alerts.awaitStopped();
                freshness.awaitStopped();
                step(String.format("Ingest stopped: %,d events in %.0f s; timing the drain", ingest.acknowledged(),
                        ingest.seconds()));
                drain(sampler, report, o.drainTimeout());
                alerts.awaitMails(Duration.ofMinutes(1));
                exportThread.join(Duration.ofMinutes(10).toMillis());
                cpu.mark("drain");
                if (sampler.error() != null) {
                    report.problems.add("sampling stopped early: " + sampler.error());
                }
                report.samples = sampler.samples();
            }
            if (!alerts.missing(5).isEmpty()) {
                report.problems.add("alerts without a mail after a minute, e.g. " + alerts.missing(5));
            }
            settle(db, report);
            step("Exactly-once checks: the feed from position zero, then each consumer's counts");
            ExactlyOnce checks = new ExactlyOnce(db);
            report.feedReadSeconds = checks.feedFromZero(audit, platform.operator("bench-feed",
                    List.of("audit-feed")));
            checks.consumers(new Api(platform.analytics.baseUri()), platform.operator("bench-operator",
                    List.of("platform-operator")), alerts.sent(), alerts.mailsPerAlert());
            cpu.mark("checks");

            report.exactlyOnce = checks;
            report.eventsAcknowledged = ingest.acknowledged();
            report.requests = ingest.requests();
            report.failedRequests = ingest.failedRequests();
            report.retriedRequests = ingest.retriedRequests();
            report.ingestSeconds = ingest.seconds();
            report.requestMillis = ingest.requestMillis();
            report.alertsSent = alerts.sent();
            report.alertMillis = alerts.latency();
            report.freshnessMillis = freshness.lag();
            report.export = exportResult.get();
            ingest.failures().forEach(f -> report.problems.add("ingest: " + f));
            alerts.failures().forEach(f -> report.problems.add("alert event: " + f));
            freshness.failures().forEach(f -> report.problems.add("freshness probe: " + f));
            report.setup.put("mails other than alerts", alerts.otherMails());
            summarise(report, cpu, pids.keySet());
            for (ServiceProcess service : platform.services()) {
                long errors = errorLines(service.log());
                if (errors > 0) {
                    report.problems.add(service.name() + " logged " + errors + " ERROR lines (" + service.log() + ")");
                }
            }
        }
        report.setup.put("load average after", loadAverage());
        report.judge();
        report.write(o.out());
        LagChart.write(report.samples, report.ingestStoppedAt, String.format("%,d events, %d clients",
                report.eventsAcknowledged, o.clients()), o.out().resolve("lag.png"));
        System.out.println(report.markdown());
        step("Report: " + o.out().resolve("report.md") + ", chart: " + o.out().resolve("lag.png"));
        return report.checksOk() ? 0 : 1;
    }

    private static void awaitEndOfIngest(SustainedOptions o, SustainedIngest ingest, LagSampler sampler,
            Platform platform) throws InterruptedException {
        long start = System.nanoTime();
        long lastPrint = start;
        while (true) {
            Thread.sleep(200);
            long elapsed = System.nanoTime() - start;
            boolean minimum = elapsed >= o.duration().toNanos() && ingest.acknowledged() >= o.minEvents();
            if (minimum || elapsed >= o.maxDuration().toNanos()) {
                return;
            }
            for (ServiceProcess service : platform.services()) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(service.name() + " died:\n" + service.tail(40));
                }
            }
            if (System.nanoTime() - lastPrint > 15_000_000_000L) {
                lastPrint = System.nanoTime();
                LagSampler.Sample s = sampler.latest();
                step(String.format("  %,d events (%,.0f/s); behind the head: %s", ingest.acknowledged(),
                        ingest.acknowledged() / (elapsed / 1e9), s == null ? "-" : s.lagEvents()));
            }
        }
    }

    /** Waits until every consumer has caught up with the head; its drain is the time from ingest stopping to then. */
    private static void drain(LagSampler sampler, SustainedReport report, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        LagSampler.CONSUMERS.keySet().forEach(c -> report.drainSeconds.put(c, -1.0));
        while (report.drainSeconds.containsValue(-1.0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            for (LagSampler.Sample s : sampler.samples()) {
                if (s.t() < report.ingestStoppedAt) {
                    continue;
                }
                s.lagEvents().forEach((consumer, behind) -> {
                    if (behind == 0 && report.drainSeconds.get(consumer) < 0) {
                        report.drainSeconds.put(consumer, s.t() - report.ingestStoppedAt);
                    }
                });
            }
        }
        step("Drained: " + report.drainSeconds);
        if (report.drainSeconds.containsValue(-1.0)) {
            // The counts below would then differ because a consumer is still working, not because it lost anything.
            report.problems.add("a consumer had not caught up " + timeout + " after ingest stopped: its exactly-once "
                    + "counts are taken while it is still consuming");
        }
    }

    /**
     * Before the checks, nothing may still be on its way: no transaction holding a transaction id open in the
     * database (a stalled ingest can commit after the drain, and holds back every feed while it runs), the count of
     * stored events unchanged for five seconds, and every consumer at the head. At most two minutes; a problem
     * otherwise.
     */
    private static void settle(BenchDatabase db, SustainedReport report) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline) {
                long stored;
                long open;
                try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM audit.event), (SELECT count(*) "
                        + "FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL "
                        + "AND pid <> pg_backend_pid())")) {
                    rs.next();
                    stored = rs.getLong(1);
                    open = rs.getLong(2);
                }
                long behind = 0;
                for (String position : LagSampler.CONSUMERS.values()) {
                    String[] p;
                    try (ResultSet rs = s.executeQuery(position)) {
                        p = LagSampler.decode(rs.next() ? rs.getString(1) : "");
                    }
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM audit.event e WHERE (e.tx_id, e.seq) > (('"
                            + Long.parseUnsignedLong(p[0]) + "'::text)::xid8, " + Long.parseLong(p[1]) + ")")) {
                        rs.next();
                        behind += rs.getLong(1);
                    }
                }
                if (stored != last || open > 0 || behind > 0) {
                    last = stored;
                    stableSince = System.nanoTime();
                } else if (System.nanoTime() - stableSince > 5_000_000_000L) {
                    return;
                }
                Thread.sleep(250);
            }
        }
        report.problems.add("the database did not settle within 2 minutes after the drain (a transaction still open,"
                + " events still arriving, or a consumer behind): the checks may count work still in flight");
    }

    /** The mid-run export: the busiest account's CSV report of the last 89 days, requested half-way through. */
    private static Thread exportMidway(Platform platform, String account, Duration after, AtomicReference<String> out) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
                step("Mid-way: requesting an export of " + account + "'s log");
                Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                ServiceExport.Job job = new ServiceExport(platform.export.baseUri(), platform.person("bench-exporter",
                        account, List.of("audit-admin"), "exporter@" + account + ".bench.example"))
                        .run(to.minus(Duration.ofDays(89)), to, Duration.ofMinutes(10));
                out.set(String.format("%s, %,d rows in %d file(s), %.1f s from the request to seeing it done",
                        job.status(), job.rowsWritten(), job.filesWritten(), job.seconds()));
            } catch (InterruptedException e) {
                out.set("not run");
            } catch (Exception e) {
                out.set("failed: " + e);
            }
        }, "export-midway");
        thread.setDaemon(true);
        return thread;
    }

    private static void summarise(SustainedReport report, CpuMonitor cpu, Iterable<String> services) {
        for (String service : services) {
            double maxRss = report.samples.stream().mapToDouble(s -> s.rssMb().getOrDefault(service, 0.0))
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            double cpuMean = report.samples.stream().filter(s -> s.phase().equals("ingest"))
                    .mapToDouble(s -> s.cpuPercent().getOrDefault(service, 0.0)).average().orElse(0);
            report.rssMaxAndCpuMean.put(service, new double[] {maxRss, cpuMean});
        }
        for (String consumer : LagSampler.CONSUMERS.keySet()) {
            report.lag.put(consumer, LagVerdict.of(consumer,
                    report.samples.stream().filter(s -> s.phase().equals("ingest")).toList()));
        }
        StringBuilder table = new StringBuilder("CPU per phase, % of all cores (" + String.join(" / ", cpu.owners())
                + "):\n");
        cpu.phases().forEach((phase, m) -> {
            @SuppressWarnings("unchecked")
            Map<String, Double> p = (Map<String, Double>) m.get("percentOfMachine");
            List<String> cells = new ArrayList<>();
            cpu.owners().forEach(owner -> cells.add(String.format("%3.0f", p.getOrDefault(owner, 0.0))));
            table.append(String.format("  %-8s %7.1f s   %s%n", phase, (Double) m.get("seconds"),
                    String.join(" / ", cells)));
        });
        report.cpuPhases = table.toString();
    }

    private static void describe(SustainedReport report, SustainedOptions o, BenchDatabase db, Path root)
            throws Exception {
        report.setup.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.setup.put("commit", git(root));
        report.setup.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + memory() + ", Java "
                + System.getProperty("java.version"));
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            report.setup.put("PostgreSQL", rs.getString(1));
        }
        report.setup.put("mode", o.quick() ? "QUICK (a smoke run: numbers only show that it works)" : "full");
        report.setup.put("options", String.format("duration %s, events %,d, %d clients x %d events per request, "
                + "%s, %d accounts, pool %,d occurred over %s, an alert event every %s, service JVM options '%s'",
                o.duration(), o.minEvents(), o.clients(), o.eventsPerRequest(), o.rateText(), o.accounts(), o.pool(),
                o.spreadText(), o.alertEvery(), o.serviceJavaOpts()));
        report.setup.put("load average before", loadAverage());
    }

    private static String git(Path root) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String memory() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GB memory";
        } catch (Exception e) {
            return "memory unknown";
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static long errorLines(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.matches("^\\S+ \\S+ ERROR .*")).count();
        } catch (Exception e) {
            return 0;
        }
    }

    static void step(String message) {
        System.out.printf("[%s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), message);
    }
}
