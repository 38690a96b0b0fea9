package io.auditlog.bench.analytics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.auditlog.bench.Options;

/** The analytics benchmark's options, as {@link Options} reads them ({@code --name=value} or {@code -Dbench.name=value}). */
record AnalyticsOptions(int events, int accounts, int samples, int warmup, int plainSamples, int lagEvents,
        String database, Path out, Path auditJar, Path analyticsJar, String serviceJavaOpts) {

    static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("events", "events bulk-loaded into audit.event (default 10000000)");
        HELP.put("accounts", "accounts they are spread over, log-uniform sizes (default 100)");
        HELP.put("samples", "timed API requests per dashboard (default 500)");
        HELP.put("warmup", "untimed API requests per dashboard first (default 200)");
        HELP.put("plain-samples", "timed runs of each plain SQL GROUP BY (default 30)");
        HELP.put("lag-events", "single events ingested through the API for the freshness lag (default 200)");
        HELP.put("database", "database (dropped and re-created schemas audit and analytics; default auditlog_bench_analytics)");
        HELP.put("out", "where the report and the service logs go (default bench/target)");
        HELP.put("service-java-opts", "JVM options of both services (default none)");
        HELP.put("audit-jar", "the audit-service jar (default audit-service/target/quarkus-app/quarkus-run.jar)");
        HELP.put("analytics-jar", "the analytics-service jar (default analytics-service/target/quarkus-app/quarkus-run.jar)");
    }

    static AnalyticsOptions parse(String[] args) {
        Options given = Options.parse(args, HELP);
        AnalyticsOptions options = new AnalyticsOptions(given.integer("events", 10_000_000),
                given.integer("accounts", 100), given.integer("samples", 500), given.integer("warmup", 200),
                given.integer("plain-samples", 30), given.integer("lag-events", 200),
                given.text("database", "auditlog_bench_analytics"), given.out(),
                given.jar("audit-jar", "audit-service"), given.jar("analytics-jar", "analytics-service"),
                given.text("service-java-opts", ""));
        Options.require(options.events >= 1 && options.samples >= 1 && options.lagEvents >= 1 && options.accounts >= 2,
                "events, samples and lag-events must be at least 1, accounts at least 2");
        return options;
    }

    static String usage() {
        return Options.usage("bench/run-analytics.sh", HELP);
    }
}
