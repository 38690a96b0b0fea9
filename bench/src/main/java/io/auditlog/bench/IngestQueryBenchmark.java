package io.auditlog.bench;

import static io.auditlog.bench.RunSupport.loadAverage;
import static io.auditlog.bench.RunSupport.mark;
import static io.auditlog.bench.RunSupport.step;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceProcess;

/**
 * Measures the audit-service against plain PostgreSQL on the same machine and database server:
 * <ol>
 * <li>ingest: N events through {@code POST /api/v1/events} versus the same rows loaded into an identical
 * table with COPY and with concurrent multi-row INSERTs;</li>
 * <li>query: the typical "account, last 30 days, LOGIN, 50 per page" query, first page and a deep page,
 * through {@code GET /api/v1/events} versus the service's own SQL over JDBC.</li>
 * </ol>
 * See bench/README.md. Run with bench/run-ingest-query.sh.
 */
public final class IngestQueryBenchmark {

    private static final String CATEGORY = "LOGIN";
    private static final int PAGE_SIZE = 50;

    private IngestQueryBenchmark() {
    }

    public static void main(String[] args) {
        BenchOptions options = Options.parseOrExit(() -> BenchOptions.parse(args), BenchOptions.usage());
        try {
            Report report = run(options);
            System.exit(report.api != null && report.api.ok() ? 0 : 1);
        } catch (Throwable e) {
            System.err.println("\nBENCHMARK FAILED: " + e);
            e.printStackTrace();
            System.exit(2);
        }
    }

    static Report run(BenchOptions options) throws Exception {
        Report report = new Report();
        Files.createDirectories(options.outputDirectory());
        Path log = options.outputDirectory().resolve("audit-service.log");

        // 1. PostgreSQL and a clean slate.
        step("Finding PostgreSQL and dropping schemas audit and bench_plain in " + options.database());
        PostgresEndpoint endpoint = LocalPostgres.database(options.database());
        BenchDatabase database = new BenchDatabase(endpoint);
        database.dropSchemas();

        int port = options.port() != 0 ? options.port() : ChildProcesses.freePort();
        LocalIdentity identity = LocalIdentity.generate();
        describeSetup(report, options, endpoint, database, port);
        report.load.put("start", loadAverage());
        RunSupport.noteBusyMachine(report.setup, report.problems);

        // 2. The service, starting while the events are generated.
        Map<String, String> env = ServiceEnvironment.of(endpoint, identity);
        Exception failure = null;
        CpuMonitor cpu = CpuMonitor.available() ? new CpuMonitor() : null;
        step("Starting " + options.serviceJar() + " on port " + port + " (log: " + log + ")");
        try (ServiceProcess service = ServiceProcess.jar("audit-service", options.serviceJar())
                .javaOptions(options.serviceJavaOpts()).port(port).environment(env).log(log)
                .directory(Options.projectRoot()).stopOnExit().start()) {
            report.setup.put("service pid", service.pid());
            if (cpu != null) {
                cpu.serviceStarted(service.pid());
            }
            // Readiness is watched while the events are generated.
            java.util.concurrent.CompletableFuture<Duration> ready = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return service.awaitReady(Duration.ofMinutes(3));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted while waiting for the audit-service", e);
                        }
                    });

            // 3. The events and their request bodies.
            step("Generating " + options.events() + " events over " + options.accounts() + " accounts (seed "
                    + options.seed() + ")");
            EventGenerator generator = EventGenerator.forNow(options.seed(), options.accounts());
            EventGenerator.Dataset dataset = generator.generate(options.events(), options.batchSize());
            List<GeneratedEvent> rows = new ArrayList<>(dataset.size());
            dataset.batches().forEach(rows::addAll);
            describeData(report, generator, rows);
            List<ApiIngestLoad.PreparedBatch> bodies = ApiIngestLoad.serialise(dataset);
            long bodyBytes = bodies.stream().mapToLong(b -> b.body().length).sum();
            report.data.put("request bodies", String.format("%,d requests, %.1f MB of JSON, serialised before timing",
                    bodies.size(), bodyBytes / 1e6));

            Duration startup;
            try {
                startup = ready.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            step("audit-service ready (" + startup.toMillis() + " ms after its start)");
            report.setup.put("service ready after", startup.toMillis() + " ms (started while the data was generated)");

            Map<String, String> ingestTokens = new TreeMap<>();
            for (int a = 0; a < options.accounts(); a++) {
                String account = EventGenerator.accountId(a, options.accounts());
                ingestTokens.put(account, identity.token("bench-ingest", account, List.of("audit-ingest"),
                        Duration.ofHours(12)));
            }

            // API ingest.
            database.checkpoint();
            mark(cpu, "startup and data generation");
            step("API ingest: " + bodies.size() + " requests from " + options.clients() + " clients");
            report.api = new ApiIngestLoad(service.baseUri(), ingestTokens, options.clients()).run(bodies);
            mark(cpu, "API ingest");
            report.load.put("after API ingest", loadAverage());
            step(String.format("API ingest: %,.0f events/s (%.1f s), statuses %s", report.api.eventsPerSecond(),
                    report.api.seconds(), report.api.statuses()));
            if (!report.api.ok()) {
                report.problems.add(report.api.failedRequests() + " ingest requests failed: "
                        + report.api.failures());
                report.api.failures().forEach(f -> System.out.println("  FAILED " + f));
            }
            bodies = null; // the request bodies are not needed again
            report.apiRowsStored = database.count("audit.event");
            report.apiKeysStored = database.tableExists("audit.event_key") ? database.count("audit.event_key") : -1;
            if (report.apiRowsStored != options.events()) {
                report.problems.add("audit.event holds " + report.apiRowsStored + " rows after the API ingest, expected "
                        + options.events());
            }

            RunSupport.awaitSealed(report, database, report.apiRowsStored);
            mark(cpu, "sealing after ingest");

            // 4. Plain loads into the twin table.
            step("Creating bench_plain.event (same DDL and partitions as audit.event)");
            List<String> partitions = database.createPlainTable(generator.oldest(), generator.newest());
            report.data.put("partitions", partitions.size() + " monthly partitions in each table");
            report.schemaDifferences = database.differences();
            if (!report.schemaDifferences.isEmpty()) {
                report.problems.add("bench_plain.event differs from audit.event: " + report.schemaDifferences);
            }
            PlainLoad plain = new PlainLoad(database);
            List<byte[]> copyData = PlainLoad.copyData(rows);
            database.checkpoint();
            mark(cpu, "plain table setup");
            step("Plain COPY of " + rows.size() + " rows");
            report.copy = plain.copy(copyData, rows.size());
            mark(cpu, "COPY");
            report.load.put("after COPY", loadAverage());
            copyData = null;
            report.copyRowsStored = database.count("bench_plain.event");
            step(String.format("COPY: %,.0f rows/s (%.1f s)", report.copy.rowsPerSecond(), report.copy.seconds()));

            plain.truncate();
            database.checkpoint();
            mark(cpu, "truncate");
            step("Plain INSERT: " + options.insertSessions() + " sessions x " + options.insertRows() + " rows");
            report.insert = plain.insert(rows, options.insertSessions(), options.insertRows());
            mark(cpu, "INSERT");
            report.load.put("after INSERT", loadAverage());
            report.insertRowsStored = database.count("bench_plain.event");
            step(String.format("INSERT: %,.0f rows/s (%.1f s)", report.insert.rowsPerSecond(),
                    report.insert.seconds()));
            if (report.copyRowsStored != rows.size() || report.insertRowsStored != rows.size()) {
                report.problems.add("bench_plain.event row counts: COPY " + report.copyRowsStored + ", INSERT "
                        + report.insertRowsStored + ", expected " + rows.size());
            }
            rows = null;

            // 5. Queries.
            step("ANALYZE audit.event, then timing the queries");
            database.execute("ANALYZE audit.event");
            Map.Entry<String, Long> busiest = database.busiestAccount();
            report.data.put("query account", busiest.getKey() + " (" + String.format("%,d", busiest.getValue())
                    + " events, the most)");
            Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant from = to.minus(Duration.ofDays(30));
            String adminToken = identity.token("bench-admin", busiest.getKey(), List.of("audit-admin"),
                    Duration.ofHours(12));
            mark(cpu, "analyze");
            QueryTiming timing = new QueryTiming(service.baseUri(), adminToken, database, busiest.getKey(), CATEGORY,
                    from, to, PAGE_SIZE);
            report.query = timing.run(options.deepPage(), options.warmup(), options.repetitions());
            mark(cpu, "queries");
            report.load.put("after queries", loadAverage());
            report.problems.addAll(report.query.problems());
            for (QueryTiming.Timing t : report.query.timings()) {
                if (t.check().startsWith("DIFFERENT")) {
                    report.problems.add(t.name() + ": " + t.check());
                }
            }
            timeLogAccess(report, options, endpoint, identity, database, busiest.getKey(), from, to);
            mark(cpu, "log access");
            if (!service.isAlive()) {
                report.problems.add("the audit-service exited during the run; see " + log);
            }
        } catch (Exception e) {
            failure = e;
            report.problems.add("the run stopped early: " + e);
        } finally {
            report.finished = Instant.now();
            if (cpu != null) {
                cpu.close();
                report.cpu.putAll(cpu.phases());
                report.problems.addAll(RunSupport.otherCpuProblems(cpu.phases(), Report.TIMED_PHASES,
                        BenchReport.OTHER_CPU_LIMIT));
            }
        }
        long errors = RunSupport.errorLines(log);
        if (errors > 0) {
            report.problems.add("the audit-service logged " + errors + " ERROR lines; see " + log);
        }

        // 6. The report.
        String text = report.text();
        System.out.println();
        System.out.print(text);
        Path json = options.outputDirectory().resolve("ingest-query-report.json");
        report.writeJson(json);
        Files.writeString(options.outputDirectory().resolve("ingest-query-report.txt"), text, StandardCharsets.UTF_8);
        System.out.println("JSON report: " + json);
        System.out.println("Service log: " + log);
        if (failure != null) {
            throw failure;
        }
        return report;
    }

    /**
     * The first page with person tokens, recording of log reads on and off: two fresh processes of the same jar on
     * the same database, one with audit.log-access.enabled=false, started together and warmed up alike (the
     * service timed above has run every other query and would be the warmer one), timed interleaved.
     */
    private static void timeLogAccess(Report report, BenchOptions options, PostgresEndpoint endpoint,
            LocalIdentity identity, BenchDatabase database, String account, Instant from, Instant to)
            throws Exception {
        Map<String, String> offEnv = new LinkedHashMap<>(ServiceEnvironment.of(endpoint, identity));
        offEnv.put("AUDIT_LOG_ACCESS_ENABLED", "false");
        Map<String, String> onEnv = new LinkedHashMap<>(ServiceEnvironment.of(endpoint, identity));
        onEnv.put("AUDIT_LOG_ACCESS_ENABLED", "true");
        Path offLog = options.outputDirectory().resolve("audit-service-recording-off.log");
        Path onLog = options.outputDirectory().resolve("audit-service-recording-on.log");
        step("Starting two more audit-services, audit.log-access.enabled=false and true (logs: " + offLog + ", "
                + onLog + ")");
        try (ServiceProcess off = ServiceProcess.jar("audit-service-recording-off", options.serviceJar())
                .javaOptions(options.serviceJavaOpts()).port(ChildProcesses.freePort()).environment(offEnv)
                .log(offLog).directory(Options.projectRoot()).stopOnExit().start();
                ServiceProcess on = ServiceProcess.jar("audit-service-recording-on", options.serviceJar())
                        .javaOptions(options.serviceJavaOpts()).port(ChildProcesses.freePort()).environment(onEnv)
                        .log(onLog).directory(Options.projectRoot()).stopOnExit().start()) {
            off.awaitReady(Duration.ofMinutes(3));
            on.awaitReady(Duration.ofMinutes(3));
            step("Timing the first page with person tokens, recording on and off, interleaved");
            report.logAccess = new LogAccessTiming(on.baseUri(), off.baseUri(), identity, account, CATEGORY, from, to,
                    PAGE_SIZE).run(database, options.warmup(), options.repetitions());
            report.problems.addAll(report.logAccess.problems());
        }
    }

    private static void describeSetup(Report report, BenchOptions options, PostgresEndpoint endpoint,
            BenchDatabase database, int port) throws Exception {
        report.setup.put("events", options.events());
        report.setup.put("api clients", options.clients());
        report.setup.put("batch size", options.batchSize());
        report.setup.put("accounts", options.accounts());
        report.setup.put("query repetitions", options.repetitions() + " timed after " + options.warmup() + " warm-up");
        report.setup.put("plain INSERT", options.insertSessions() + " sessions x " + options.insertRows() + " rows");
        report.setup.put("seed", options.seed());
        report.setup.put("machine", RunSupport.machine() + " (client and service and PostgreSQL share it)");
        report.setup.put("postgres", endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database()
                + (LocalPostgres.isEmbedded() ? " (embedded)" : ""));
        report.setup.put("postgres settings", database.serverSettings());
        report.setup.put("service jar", options.serviceJar() + " (built "
                + (Files.exists(options.serviceJar()) ? Files.getLastModifiedTime(options.serviceJar()) : "?") + ")");
        report.setup.put("service java opts", options.serviceJavaOpts().isBlank() ? "(defaults)"
                : options.serviceJavaOpts());
        report.setup.put("service port", port);
    }

    private static void describeData(Report report, EventGenerator generator, List<GeneratedEvent> rows) {
        Map<String, Integer> categories = new TreeMap<>();
        Map<String, Integer> accounts = new TreeMap<>();
        for (GeneratedEvent e : rows) {
            categories.merge(e.category(), 1, Integer::sum);
            accounts.merge(e.accountId(), 1, Integer::sum);
        }
        StringBuilder mix = new StringBuilder();
        categories.forEach((k, v) -> mix.append(String.format("%s %.1f%%  ", k, 100.0 * v / rows.size())));
        report.data.put("events", String.format("%,d from %s to %s", rows.size(), generator.oldest(), generator.newest()));
        report.data.put("category mix", mix.toString().trim());
        int max = accounts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = accounts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        report.data.put("accounts", String.format("%d, %,d to %,d events each", accounts.size(), min, max));
    }
}
