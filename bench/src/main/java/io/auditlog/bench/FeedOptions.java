package io.auditlog.bench;

import static io.auditlog.bench.Options.require;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feed benchmark's settings, given like the other benchmarks' ({@code --events=20000} or
 * {@code -Dbench.events=20000}; an argument wins). See {@link Options}.
 */
public record FeedOptions(
        int events,
        int accounts,
        int clients,
        int batchSize,
        int limit,
        int rounds,
        long seed,
        String database,
        Path auditJar,
        String serviceJavaOpts,
        Path outputDirectory) {

    static final String SCRIPT = "bench/run-feed.sh";
    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("events", "events loaded through the ingest API, then read from the feed (default 1000000)");
        HELP.put("accounts", "accounts the events are spread over (default 20)");
        HELP.put("clients", "concurrent HTTP clients loading the events (default 4)");
        HELP.put("batch", "events per ingest request, at most 1000; each is one writing transaction (default 1000)");
        HELP.put("limit", "events per feed page, at most 1000, the feed's maximum and the consumers' page size "
                + "(default 1000)");
        HELP.put("rounds", "rounds of (whole feed through the service, the same rows by plain JDBC); the verdict "
                + "is on the median ratio (default 5)");
        HELP.put("seed", "seed of the event generator (default 20261120)");
        HELP.put("database", "PostgreSQL database (default auditlog_bench_feed)");
        HELP.put("audit-jar", "the audit-service jar (default audit-service/target/quarkus-app/quarkus-run.jar)");
        HELP.put("service-java-opts", "JVM options of the service, space separated (default none)");
        HELP.put("out", "directory for the report and the service's log (default bench/target)");
    }

    public static FeedOptions parse(String[] args) {
        Options given = Options.parse(args, HELP);
        FeedOptions options = new FeedOptions(
                given.integer("events", 1_000_000),
                given.integer("accounts", 20),
                given.integer("clients", 4),
                given.integer("batch", 1000),
                given.integer("limit", 1000),
                given.integer("rounds", 5),
                given.number("seed", 20261120),
                given.text("database", "auditlog_bench_feed"),
                given.jar("audit-jar", "audit-service"),
                given.text("service-java-opts", ""),
                given.out());
        require(options.events >= 1, "events must be at least 1");
        require(options.accounts >= 1, "accounts must be at least 1");
        require(options.clients >= 1, "clients must be at least 1");
        require(options.batchSize >= 1 && options.batchSize <= 1000, "batch must be within 1..1000 (the API's limit)");
        require(options.limit >= 1 && options.limit <= 1000, "limit must be within 1..1000 (the feed's limit)");
        require(options.rounds >= 1, "rounds must be at least 1");
        return options;
    }

    static String usage() {
        return Options.usage(SCRIPT, HELP);
    }
}
