package io.auditlog.bench;

import static io.auditlog.bench.Options.require;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The export benchmark's settings, given like the ingest benchmark's ({@code --events=20000} or
 * {@code -Dbench.events=20000}; an argument wins). See {@link Options}.
 */
public record ExportOptions(
        int events,
        int clients,
        int batchSize,
        long seed,
        String database,
        Path auditJar,
        Path exportJar,
        String serviceJavaOpts,
        Duration timeout,
        int rounds,
        Path outputDirectory) {

    static final String SCRIPT = "bench/run-export.sh";
    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("events", "events loaded into the one account and exported (default 1000000)");
        HELP.put("clients", "concurrent HTTP clients loading the events (default 4)");
        HELP.put("batch", "events per ingest request, at most 1000 (default 1000)");
        HELP.put("seed", "seed of the event generator (default 20261120)");
        HELP.put("database", "PostgreSQL database (default auditlog_bench_export)");
        HELP.put("audit-jar", "the audit-service jar (default audit-service/target/quarkus-app/quarkus-run.jar)");
        HELP.put("export-jar", "the export-service jar (default export-service/target/quarkus-app/quarkus-run.jar)");
        HELP.put("service-java-opts", "JVM options for both services, space separated (default none)");
        HELP.put("timeout-minutes", "how long the export may take to complete (default 30)");
        HELP.put("rounds", "rounds of (export through the services, plain COPY); the verdict is on the median ratio "
                + "(default 5; only the first round's files are downloaded and checked)");
        HELP.put("out", "directory for the report and the services' logs (default bench/target)");
    }

    public static ExportOptions parse(String[] args) {
        Options given = Options.parse(args, HELP);
        ExportOptions options = new ExportOptions(
                given.integer("events", 1_000_000),
                given.integer("clients", 4),
                given.integer("batch", 1000),
                given.number("seed", 20261120),
                given.text("database", "auditlog_bench_export"),
                given.jar("audit-jar", "audit-service"),
                given.jar("export-jar", "export-service"),
                given.text("service-java-opts", ""),
                Duration.ofMinutes(given.integer("timeout-minutes", 30)),
                given.integer("rounds", 5),
                given.out());
        require(options.events >= 1, "events must be at least 1");
        require(options.rounds >= 1, "rounds must be at least 1");
        require(options.clients >= 1, "clients must be at least 1");
        require(options.batchSize >= 1 && options.batchSize <= 1000, "batch must be within 1..1000 (the API's limit)");
        require(!options.timeout.isNegative() && !options.timeout.isZero(), "timeout-minutes must be at least 1");
        return options;
    }

    static String usage() {
        return Options.usage(SCRIPT, HELP);
    }
}
