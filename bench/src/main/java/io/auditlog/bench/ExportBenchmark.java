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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceProcess;

/**
 * Measures an audit-log CSV report of N events of one account through the export-service (which streams the
 * rows from the audit-service and stores them as files) against PostgreSQL's own {@code COPY ... TO STDOUT} of
 * the same query, on the same machine and database server. See bench/README.md; run with bench/run-export.sh.
 */
public final class ExportBenchmark {

    static final String EXPORT_SERVICE = "export-service";
    private static final String ACCOUNT = EventGenerator.accountId(0, 1);
    /** The report's period: the last 89 days, inside the 90 the service allows; the events span 60. */
    private static final Duration PERIOD = Duration.ofDays(89);

    private ExportBenchmark() {
    }

    public static void main(String[] args) {
        ExportOptions options = Options.parseOrExit(() -> ExportOptions.parse(args), ExportOptions.usage());
        try {
            ExportReport report = run(options);
            boolean ok = report.ingest != null && report.ingest.failedRequests() == 0 && report.exportVerified()
                    && report.downloadFramingOk() && report.plain != null && report.plain.rows() == options.events();
            System.exit(ok ? 0 : 1);
        } catch (Throwable e) {
            System.err.println("\nBENCHMARK FAILED: " + e);
            e.printStackTrace();
            System.exit(2);
        }
    }

    static ExportReport run(ExportOptions options) throws Exception {
        ExportReport report = new ExportReport();
        report.events = options.events();
        report.accountId = ACCOUNT;
        Files.createDirectories(options.outputDirectory());
        Path auditLog = options.outputDirectory().resolve("export-bench-audit-service.log");
        Path exportLog = options.outputDirectory().resolve("export-bench-export-service.log");

        // PostgreSQL and a clean slate: both services' schemas, with their Flyway histories.
        step("Finding PostgreSQL and dropping schemas audit and export in " + options.database());
        PostgresEndpoint endpoint = LocalPostgres.database(options.database());
        BenchDatabase database = new BenchDatabase(endpoint);
        database.dropSchemas(List.of("audit", "export"));
        List<String> strangers = database.otherSessions();
        if (!strangers.isEmpty()) {
            // Another export-service on this database would claim the benchmark's job (workers share the queue).
            report.problems.add("other sessions were connected to " + options.database() + " at the start: "
                    + strangers + "; another export-service there can claim the benchmark's job");
        }

        LocalIdentity identity = LocalIdentity.generate();
        int auditPort = ChildProcesses.freePort();
        int exportPort = ChildProcesses.freePort();
        describeSetup(report, options, endpoint, database, auditPort, exportPort);
        report.load.put("start", loadAverage());
        RunSupport.noteBusyMachine(report.setup, report.problems);
        String columns = PlainExport.compareWithSource(Options.projectRoot());
        report.data.put("plain COPY columns", columns == null
                ? "the audit-service's EventRows.COLUMNS (checked against its source)" : columns);
        if (columns != null && columns.startsWith("DIFFERENT")) {
            report.problems.add("the plain COPY's columns differ from the audit-service's: " + columns);
        }

        Map<String, String> common = ServiceEnvironment.of(endpoint, identity);
        Map<String, String> exportEnv = new LinkedHashMap<>(common);
        exportEnv.put("EXPORT_AUDIT_URL", "http://127.0.0.1:" + auditPort);
        // The export-service's client at the audit-service: client-credentials tokens of no account, from a local
        // token endpoint (daemon threads, gone with the benchmark's JVM).
        exportEnv.putAll(TokenEndpoint.start(identity, Duration.ofMinutes(5), 0).clientEnvironment(EXPORT_SERVICE));

        Exception failure = null;
        CpuMonitor cpu = CpuMonitor.available() ? new CpuMonitor() : null;
        step("Starting the audit-service on port " + auditPort + " (log: " + auditLog + ") and the export-service on "
                + "port " + exportPort + " (log: " + exportLog + ")");
        try (ServiceProcess audit = ServiceProcess.jar("audit-service", options.auditJar())
                .javaOptions(options.serviceJavaOpts()).port(auditPort).environment(common).log(auditLog)
                .directory(Options.projectRoot()).stopOnExit().start();
                ServiceProcess export = ServiceProcess.jar(EXPORT_SERVICE, options.exportJar())
                        .javaOptions(options.serviceJavaOpts()).port(exportPort).environment(exportEnv).log(exportLog)
                        .directory(Options.projectRoot()).stopOnExit().start()) {
            report.setup.put("service pids", "audit-service " + audit.pid() + ", export-service " + export.pid());
            if (cpu != null) {
                cpu.serviceStarted(audit.pid());
                cpu.serviceStarted(EXPORT_SERVICE, export.pid());
            }
            CompletableFuture<Duration> auditReady = awaitReady(audit);
            CompletableFuture<Duration> exportReady = awaitReady(export);

            // The events, all in one account, and their request bodies, while the services start.
            step("Generating " + options.events() + " events in account " + ACCOUNT + " (seed " + options.seed() + ")");
            EventGenerator generator = EventGenerator.forNow(options.seed(), 1);
            EventGenerator.Dataset dataset = generator.generate(options.events(), options.batchSize());
            describeData(report, generator, dataset);
            List<ApiIngestLoad.PreparedBatch> bodies = ApiIngestLoad.serialise(dataset);
            dataset = null; // only the bodies are needed from here on
            report.setup.put("services ready after", "audit-service " + join(auditReady).toMillis()
                    + " ms, export-service " + join(exportReady).toMillis() + " ms (started while the data was "
                    + "generated)");
            step("Both services ready");

            // Load the events (not the point here; reported for information).
            database.checkpoint();
            mark(cpu, "startup and data generation");
            step("API ingest: " + bodies.size() + " requests from " + options.clients() + " clients");
            String ingestToken = identity.token("bench-ingest", ACCOUNT, List.of("audit-ingest"), Duration.ofHours(12));
            report.ingest = new ApiIngestLoad(audit.baseUri(), Map.of(ACCOUNT, ingestToken), options.clients())
                    .run(bodies);
            mark(cpu, "API ingest");
            report.load.put("after API ingest", loadAverage());
            bodies = null;
            step(String.format("API ingest: %,.0f events/s (%.1f s), statuses %s", report.ingest.eventsPerSecond(),
                    report.ingest.seconds(), report.ingest.statuses()));
            if (report.ingest.failedRequests() > 0) {
                report.problems.add(report.ingest.failedRequests() + " ingest requests failed: "
                        + report.ingest.failures());
                report.ingest.failures().forEach(f -> System.out.println("  FAILED " + f));
            }
            report.rowsStored = database.count("audit.event");
            if (report.rowsStored != options.events()) {
                report.problems.add("audit.event holds " + report.rowsStored + " rows after the ingest, expected "
                        + options.events());
            }

            RunSupport.awaitSealed(report, database, report.rowsStored);
            mark(cpu, "sealing after ingest");

            // Both paths read a table with its hint bits set and visibility map built, and start with no dirty
            // pages to write out (VACUUM reads every page, so both start from a warm cache too).
            step("VACUUM ANALYZE audit.event, CHECKPOINT");
            database.execute("VACUUM ANALYZE audit.event");
            database.checkpoint();
            mark(cpu, "vacuum, analyze, checkpoint");

            report.to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            report.from = report.to.minus(PERIOD);
            PlainExport plain = new PlainExport(database);
            report.matchingRows = plain.count(ACCOUNT, report.from, report.to);
            if (report.matchingRows != options.events()) {
                report.problems.add("the report period matches " + report.matchingRows + " rows in audit.event, "
                        + "expected " + options.events());
            }
            String adminToken = identity.token("bench-admin", ACCOUNT, List.of("audit-admin"), Duration.ofHours(12),
                    Map.of("email", "bench-admin@" + ACCOUNT + ".example.com"));
            report.data.put("account plan", ServiceExport.accountPlan(audit.baseUri(), adminToken));
            mark(cpu, "checks");

            // Through the services.
            step("Export through the services: POST " + export.baseUri() + "/api/v1/exports, " + report.from + " .. "
                    + report.to);
            ServiceExport service = new ServiceExport(export.baseUri(), adminToken);
            report.job = service.run(report.from, report.to, options.timeout());
            mark(cpu, "service export");
            report.load.put("after service export", loadAverage());
            if (report.job.id() == null) {
                report.problems.add("POST /api/v1/exports answered HTTP " + report.job.postStatus() + ": "
                        + BenchReport.abbreviate(report.job.postBody(), 1000));
            } else if (!report.job.completed()) {
                report.problems.add("export " + report.job.id() + " ended " + report.job.status()
                        + (report.job.failure() == null ? "" : ": " + report.job.failure()));
            } else {
                step(String.format("Export COMPLETED after %.1f s: %,d rows in %d file(s), %,.0f rows/s",
                        report.job.seconds(), report.job.rowsWritten(), report.job.filesWritten(),
                        report.serviceRowsPerSecond()));
                if (report.job.rowsWritten() != options.events()) {
                    report.problems.add("the job reports rowsWritten " + report.job.rowsWritten() + ", expected "
                            + options.events());
                }
                if (report.job.listedRows() != options.events()) {
                    report.problems.add("the job's files hold " + report.job.listedRows() + " rows, expected "
                            + options.events());
                }
                step("Downloading " + report.job.files().size() + " file(s)");
                report.download = service.download(report.job, options.events());
                mark(cpu, "download");
                step(String.format("Downloaded %,d bytes, %,d data rows in %.1f s", report.download.bytes(),
                        report.download.dataRows(), report.download.seconds()));
                checkDownload(report, options.events());
            }

            // Plain PostgreSQL, after the report's writes are checkpointed.
            database.checkpoint();
            mark(cpu, "checkpoint");
            step("Plain COPY (SELECT ...) TO STDOUT WITH (FORMAT csv, HEADER)");
            report.plain = plain.copy(ACCOUNT, report.from, report.to);
            mark(cpu, "plain COPY");
            report.load.put("after plain COPY", loadAverage());
            step(String.format("Plain COPY: %,d rows, %,d bytes in %.1f s, %,.0f rows/s", report.plain.rows(),
                    report.plain.bytes(), report.plain.seconds(), report.plain.rowsPerSecond()));
            if (report.plain.rows() != options.events()) {
                report.problems.add("the plain COPY produced " + report.plain.rows() + " rows, expected "
                        + options.events());
            }
            if (report.job != null && report.job.completed() && report.plain != null) {
                report.rounds.add(new ExportReport.Round(report.job.seconds(), report.plain.seconds()));
                for (int round = 2; round <= options.rounds(); round++) {
                    runRound(report, database, service, plain, cpu, round, options);
                }
            }
            if (!audit.isAlive() || !export.isAlive()) {
                report.problems.add("a service exited during the run; see " + auditLog + " and " + exportLog);
            }
        } catch (Exception e) {
            failure = e;
            report.problems.add("the run stopped early: " + e);
        } finally {
            report.finished = Instant.now();
            if (cpu != null) {
                cpu.close();
                report.cpu.putAll(cpu.phases());
                report.cpuOwners = cpu.owners();
                report.problems.addAll(RunSupport.otherCpuProblems(cpu.phases(), ExportReport.TIMED_PHASES,
                        BenchReport.OTHER_CPU_LIMIT));
            }
        }
        for (Path log : List.of(auditLog, exportLog)) {
            long errors = RunSupport.errorLines(log);
            if (errors > 0) {
                report.problems.add(log.getFileName() + " has " + errors + " ERROR lines; see " + log);
            }
        }

        String text = report.text();
        System.out.println();
        System.out.print(text);
        Path json = options.outputDirectory().resolve("export-report.json");
        report.writeJson(json);
        Files.writeString(options.outputDirectory().resolve("export-report.txt"), text, StandardCharsets.UTF_8);
        System.out.println("JSON report: " + json);
        System.out.println("Service logs: " + auditLog + ", " + exportLog);
        if (failure != null) {
            throw failure;
        }
        return report;
    }

    /** One more timing round: the same report again through the services, then the plain COPY again. */
    private static void runRound(ExportReport report, BenchDatabase database, ServiceExport service,
            PlainExport plain, CpuMonitor cpu, int round, ExportOptions options) throws Exception {
        database.checkpoint();
        step("Round " + round + ": export through the services");
        ServiceExport.Job job = service.run(report.from, report.to, options.timeout());
        mark(cpu, "service export");
        if (!job.completed() || job.rowsWritten() != options.events()) {
            report.problems.add("round " + round + ": export " + job.id() + " ended " + job.status() + " with "
                    + job.rowsWritten() + " rows");
            return;
        }
        database.checkpoint();
        step("Round " + round + ": plain COPY");
        PlainExport.Result copy = plain.copy(ACCOUNT, report.from, report.to);
        mark(cpu, "plain COPY");
        if (copy.rows() != options.events()) {
            report.problems.add("round " + round + ": the plain COPY produced " + copy.rows() + " rows");
            return;
        }
        report.rounds.add(new ExportReport.Round(job.seconds(), copy.seconds()));
        step(String.format("Round %d: services %.1f s, plain COPY %.1f s, ratio %.1f%%", round, job.seconds(),
                copy.seconds(), 100 * copy.seconds() / job.seconds()));
    }

    private static void checkDownload(ExportReport report, int events) {
        ServiceExport.Download download = report.download;
        List<String> malformed = download.files().stream().filter(f -> !f.framingOk())
                .map(f -> "file " + f.number() + " (Content-Length: " + f.contentLength() + ", Transfer-Encoding: "
                        + f.transferEncoding() + ")").toList();
        if (!malformed.isEmpty()) {
            report.problems.add("the download responses carry both Content-Length and Transfer-Encoding: "
                    + String.join(", ", malformed) + ". RFC 9112 6.2: a sender must not send both. A client that "
                    + "frames the body by Content-Length (java.net.http.HttpClient does) reads the chunk-size lines as "
                    + "data and loses the end of the file; this benchmark frames by Transfer-Encoding, which RFC 9112 "
                    + "6.3 says overrides Content-Length, so its other checks see the bytes as stored.");
        }
        download.files().stream().filter(f -> f.problem() != null)
                .forEach(f -> report.problems.add("file " + f.number() + ": " + f.problem()));
        if (download.dataRows() != events) {
            report.problems.add("the downloaded files hold " + download.dataRows() + " data rows, expected " + events);
        }
        if (download.distinctIds() != events || download.duplicateIds() > 0 || download.foreignIds() > 0) {
            report.problems.add("the downloaded files hold " + download.distinctIds() + " of the " + events
                    + " event ids, " + download.duplicateIds() + " duplicates and " + download.foreignIds()
                    + " unknown ids");
        }
        if (download.outOfOrder() > 0) {
            report.problems.add(download.outOfOrder() + " downloaded rows are older than the row before them "
                    + "(the report is ordered by time)");
        }
    }

    private static CompletableFuture<Duration> awaitReady(ServiceProcess service) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return service.awaitReady(Duration.ofMinutes(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the " + service.name(), e);
            }
        });
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void describeSetup(ExportReport report, ExportOptions options, PostgresEndpoint endpoint,
            BenchDatabase database, int auditPort, int exportPort) throws Exception {
        report.setup.put("events", options.events());
        report.setup.put("ingest", options.clients() + " clients x " + options.batchSize() + " events per request");
        report.setup.put("seed", options.seed());
        report.setup.put("machine", RunSupport.machine() + " (client, both services and PostgreSQL share it)");
        report.setup.put("postgres", endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database()
                + (LocalPostgres.isEmbedded() ? " (embedded)" : ""));
        report.setup.put("postgres settings", database.serverSettings());
        report.setup.put("audit-service jar", describeJar(options.auditJar()));
        report.setup.put("export-service jar", describeJar(options.exportJar()));
        report.setup.put("service java opts", options.serviceJavaOpts().isBlank() ? "(defaults)"
                : options.serviceJavaOpts());
        report.setup.put("service ports", "audit-service " + auditPort + ", export-service " + exportPort);
    }

    private static String describeJar(Path jar) throws java.io.IOException {
        return jar + " (built " + (Files.exists(jar) ? Files.getLastModifiedTime(jar) : "?") + ")";
    }

    private static void describeData(ExportReport report, EventGenerator generator, EventGenerator.Dataset dataset) {
        Map<String, Integer> categories = new TreeMap<>();
        dataset.batches().forEach(batch -> batch.forEach(e -> categories.merge(e.category(), 1, Integer::sum)));
        StringBuilder mix = new StringBuilder();
        categories.forEach((k, v) -> mix.append(String.format("%s %.1f%%  ", k, 100.0 * v / dataset.size())));
        report.data.put("events", String.format("%,d in account %s, from %s to %s", dataset.size(), ACCOUNT,
                generator.oldest(), generator.newest()));
        report.data.put("category mix", mix.toString().trim());
    }
}
