package io.auditlog.bench;

import static io.auditlog.bench.Options.require;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingest and query benchmark's settings, given as {@link Options} reads them ({@code --events=20000} or
 * {@code -Dbench.events=20000}).
 */
public record BenchOptions(
        int events,
        int clients,
        int batchSize,
        int accounts,
        int repetitions,
        int warmup,
        int port,
        int deepPage,
        int insertSessions,
        int insertRows,
        long seed,
        String database,
        Path serviceJar,
        String serviceJavaOpts,
        Path outputDirectory) {

    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("events", "events to generate and load (default 1000000)");
        HELP.put("clients", "concurrent HTTP clients for the API ingest (default 4)");
        HELP.put("batch", "events per API request, at most 1000 (default 1000)");
        HELP.put("accounts", "accounts the events are spread over (default 20)");
        HELP.put("repetitions", "timed runs of each query (default 200)");
        HELP.put("warmup", "untimed runs of each query before the timed ones (default 200)");
        HELP.put("port", "HTTP port of the audit-service (default: a free port)");
        HELP.put("deep-page", "the page number of the deep-page query (default 40)");
        HELP.put("insert-sessions", "concurrent JDBC sessions of the plain INSERT load (default 4)");
        HELP.put("insert-rows", "rows per plain multi-row INSERT (default 500)");
        HELP.put("seed", "seed of the event generator (default 20261120)");
        HELP.put("database", "PostgreSQL database (default auditlog_bench)");
        HELP.put("service-jar", "the audit-service jar (default audit-service/target/quarkus-app/quarkus-run.jar)");
        HELP.put("service-java-opts", "JVM options for the audit-service, space separated (default none)");
        HELP.put("out", "directory for the report and the service log (default bench/target)");
    }

    public static BenchOptions parse(String[] args) {
        Options given = Options.parse(args, HELP);
        BenchOptions options = new BenchOptions(
                given.integer("events", 1_000_000),
                given.integer("clients", 4),
                given.integer("batch", 1000),
                given.integer("accounts", 20),
                given.integer("repetitions", 200),
                given.integer("warmup", 200),
                given.integer("port", 0),
                given.integer("deep-page", 40),
                given.integer("insert-sessions", 4),
                given.integer("insert-rows", 500),
                given.number("seed", 20261120),
                given.text("database", "auditlog_bench"),
                given.jar("service-jar", "audit-service"),
                given.text("service-java-opts", ""),
                given.out());
        options.check();
        return options;
    }

    private void check() {
        require(events >= 1, "events must be at least 1");
        require(clients >= 1, "clients must be at least 1");
        require(batchSize >= 1 && batchSize <= 1000, "batch must be within 1..1000 (the API's limit)");
        require(accounts >= 1, "accounts must be at least 1");
        require(repetitions >= 1, "repetitions must be at least 1");
        require(warmup >= 0, "warmup must not be negative");
        require(port >= 0 && port <= 65535, "port must be within 0..65535");
        require(deepPage >= 2, "deep-page must be at least 2");
        require(insertSessions >= 1, "insert-sessions must be at least 1");
        require(insertRows >= 1 && insertRows * PlainLoad.COLUMNS.size() <= 65535,
                "insert-rows must be within 1.." + 65535 / PlainLoad.COLUMNS.size() + " (bind parameter limit)");
    }

    static String usage() {
        return Options.usage("bench/run-ingest-query.sh", HELP);
    }
}
