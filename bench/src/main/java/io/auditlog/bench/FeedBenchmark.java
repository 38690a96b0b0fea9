package io.auditlog.bench;

import static io.auditlog.bench.RunSupport.loadAverage;
import static io.auditlog.bench.RunSupport.mark;
import static io.auditlog.bench.RunSupport.step;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceProcess;

/**
 * Measures one consumer reading the whole change feed (issue 17: at least 100,000 events/s) through the
 * audit-service's {@code GET /internal/v1/feed}, against the same rows read by plain JDBC with the same statement in
 * the same run (page by page in step, see {@link FeedReads#paired}), and reports both and their ratio per round. See bench/README.md; run with
 * bench/run-feed.sh.
 */
public final class FeedBenchmark {

    /** Issue 17's target for one consumer, events per second. */
    static final double TARGET_EVENTS_PER_SECOND = 100_000;

    private FeedBenchmark() {
    }

    public static void main(String[] args) {
        FeedOptions options = Options.parseOrExit(() -> FeedOptions.parse(args), FeedOptions.usage());
        try {
            FeedReport report = run(options);
            System.exit(report.ingest != null && report.ingest.failedRequests() == 0 && !report.rounds.isEmpty()
                    && report.rowsStored == options.events() ? 0 : 1);
        } catch (Throwable e) {
            System.err.println("\nBENCHMARK FAILED: " + e);
            e.printStackTrace();
            System.exit(2);
        }
    }

    static FeedReport run(FeedOptions options) throws Exception {
        FeedReport report = new FeedReport();
        report.events = options.events();
        report.limit = options.limit();
        Files.createDirectories(options.outputDirectory());
        Path auditLog = options.outputDirectory().resolve("feed-bench-audit-service.log");

        step("Finding PostgreSQL and dropping schema audit in " + options.database());
        PostgresEndpoint endpoint = LocalPostgres.database(options.database());
        BenchDatabase database = new BenchDatabase(endpoint);
        database.dropSchemas(List.of("audit"));
        List<String> strangers = database.otherSessions();
        if (!strangers.isEmpty()) {
            report.problems.add("other sessions were connected to " + options.database() + " at the start: "
                    + strangers);
        }
        LocalIdentity identity = LocalIdentity.generate();
        int port = ChildProcesses.freePort();
        describeSetup(report, options, endpoint, database, port);
        report.load.put("start", loadAverage());
        RunSupport.noteBusyMachine(report.setup, report.problems);
        String statement = FeedReads.compareWithSource(Options.projectRoot());
        report.data.put("plain statement", statement == null
                ? "the audit-service's FeedRepository.PAGE (checked against its source)" : statement);
        if (statement != null && statement.startsWith("DIFFERENT")) {
            report.problems.add("the plain read's statement differs from the audit-service's: " + statement);
        }

        Map<String, String> environment = new LinkedHashMap<>(ServiceEnvironment.of(endpoint, identity));
        // The sealer is a consumer of the same feed inside the service; sealing the million events just loaded
        // would compete with the reads measured here. It has its own figures (integrity tests).
        environment.put("AUDIT_INTEGRITY_ENABLED", "false");
        CpuMonitor cpu = CpuMonitor.available() ? new CpuMonitor() : null;
        Exception failure = null;
        step("Starting the audit-service on port " + port + " (log: " + auditLog + ")");
        try (ServiceProcess audit = ServiceProcess.jar("audit-service", options.auditJar())
                .javaOptions(options.serviceJavaOpts()).port(port).environment(environment).log(auditLog)
                .directory(Options.projectRoot()).stopOnExit().start()) {
            report.setup.put("service pid", audit.pid());
            if (cpu != null) {
                cpu.serviceStarted(audit.pid());
            }
            step("Generating " + options.events() + " events over " + options.accounts() + " accounts (seed "
                    + options.seed() + ")");
            EventGenerator generator = EventGenerator.forNow(options.seed(), options.accounts());
            List<ApiIngestLoad.PreparedBatch> bodies = ApiIngestLoad.serialise(
                    generator.generate(options.events(), options.batchSize()));
            Map<String, String> tokens = new LinkedHashMap<>();
            for (int a = 0; a < options.accounts(); a++) {
                String account = EventGenerator.accountId(a, options.accounts());
                tokens.put(account, identity.token("bench-ingest", account, List.of("audit-ingest"),
                        Duration.ofHours(12)));
            }
            report.setup.put("service ready after", audit.awaitReady(Duration.ofMinutes(3)).toMillis() + " ms");
            mark(cpu, "startup and data generation");

            step("API ingest: " + bodies.size() + " requests from " + options.clients() + " clients");
            database.checkpoint();
            report.ingest = new ApiIngestLoad(audit.baseUri(), tokens, options.clients()).run(bodies);
            bodies = null;
            mark(cpu, "API ingest");
            step(String.format("API ingest: %,.0f events/s (%.1f s), statuses %s", report.ingest.eventsPerSecond(),
                    report.ingest.seconds(), report.ingest.statuses()));
            if (report.ingest.failedRequests() > 0) {
                report.problems.add(report.ingest.failedRequests() + " ingest requests failed: "
                        + report.ingest.failures());
            }
            report.rowsStored = database.count("audit.event");
            if (report.rowsStored != options.events()) {
                report.problems.add("audit.event holds " + report.rowsStored + " rows, expected " + options.events());
            }
            // Both reads find hint bits set and a warm cache (VACUUM reads every page), and no dirty pages.
            step("VACUUM ANALYZE audit.event, CHECKPOINT");
            database.execute("VACUUM ANALYZE audit.event");
            database.checkpoint();
            mark(cpu, "vacuum, analyze, checkpoint");

            String feedToken = identity.token("bench-feed", null, List.of("audit-feed"), Duration.ofHours(12));
            step("Warm-up: one read of the whole feed through the service (untimed)");
            FeedReads.service(audit.baseUri(), feedToken, options.limit());
            mark(cpu, "warm-up");
            for (int round = 1; round <= options.rounds(); round++) {
                FeedReads.Paired read = FeedReads.paired(audit.baseUri(), feedToken, database, options.limit());
                mark(cpu, "reads (service and plain, page by page)");
                FeedReads.Read service = read.service();
                FeedReads.Read plain = read.plain();
                report.rounds.add(new FeedReport.Round(service, plain));
                step(String.format("Round %d: service %,.0f events/s (%.1f s, %,d pages), plain %,.0f events/s "
                        + "(%.1f s), service / plain %.1f%%", round, service.eventsPerSecond(), service.seconds(),
                        service.pages(), plain.eventsPerSecond(), plain.seconds(),
                        100 * service.eventsPerSecond() / plain.eventsPerSecond()));
                check(report, round, service, plain, options.events());
            }
            report.load.put("after the reads", loadAverage());
            if (!audit.isAlive()) {
                report.problems.add("the service exited during the run; see " + auditLog);
            }
        } catch (Exception e) {
            failure = e;
            report.problems.add("the run stopped early: " + e);
        } finally {
            report.finished = java.time.Instant.now();
            if (cpu != null) {
                cpu.close();
                report.cpu.putAll(cpu.phases());
                report.cpuOwners = cpu.owners();
                report.problems.addAll(RunSupport.otherCpuProblems(cpu.phases(), FeedReport.TIMED_PHASES,
                        BenchReport.OTHER_CPU_LIMIT));
            }
        }
        long errors = RunSupport.errorLines(auditLog);
        if (errors > 0) {
            report.problems.add(auditLog.getFileName() + " has " + errors + " ERROR lines; see " + auditLog);
        }
        String text = report.text();
        System.out.println();
        System.out.print(text);
        Path json = options.outputDirectory().resolve("feed-report.json");
        report.writeJson(json);
        Files.writeString(options.outputDirectory().resolve("feed-report.txt"), text, StandardCharsets.UTF_8);
        System.out.println("JSON report: " + json);
        if (failure != null) {
            throw failure;
        }
        return report;
    }

    /** Both reads must have read every stored event once, in the same order. */
    private static void check(FeedReport report, int round, FeedReads.Read service, FeedReads.Read plain,
            long events) {
        if (service.events() != events || plain.events() != events) {
            report.problems.add("round " + round + ": the service read " + service.events() + " events and the plain "
                    + "read " + plain.events() + ", expected " + events);
        }
        if (service.digest() != plain.digest()) {
            report.problems.add("round " + round + ": the service and the plain read saw the events in different "
                    + "orders (or different events)");
        }
    }

    private static void describeSetup(FeedReport report, FeedOptions options, PostgresEndpoint endpoint,
            BenchDatabase database, int port) throws Exception {
        report.setup.put("events", options.events() + " over " + options.accounts() + " accounts, loaded by "
                + options.clients() + " API clients x " + options.batchSize() + " events per request (transaction)");
        report.setup.put("feed page", options.limit() + " events");
        report.setup.put("rounds", options.rounds());
        report.setup.put("seed", options.seed());
        report.setup.put("machine", RunSupport.machine() + " (client, service and PostgreSQL share it)");
        report.setup.put("postgres", endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database()
                + (LocalPostgres.isEmbedded() ? " (embedded)" : ""));
        report.setup.put("postgres settings", database.serverSettings());
        Path jar = options.auditJar();
        report.setup.put("audit-service jar", jar + " (built " + (Files.exists(jar) ? Files.getLastModifiedTime(jar)
                : "?") + ")");
        report.setup.put("service java opts", options.serviceJavaOpts().isBlank() ? "(defaults)"
                : options.serviceJavaOpts());
        report.setup.put("service port", port);
    }
}
