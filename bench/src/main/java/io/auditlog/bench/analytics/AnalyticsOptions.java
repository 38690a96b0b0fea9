package io.auditlog.bench.analytics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The analytics benchmark's options, as {@code --name=value} arguments or {@code -Dbench.name=value}. */
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
    }

    static AnalyticsOptions parse(String[] args, Path root) {
        Map<String, String> given = new LinkedHashMap<>();
        HELP.keySet().forEach(key -> {
            String property = System.getProperty("bench." + key);
            if (property != null) {
                given.put(key, property);
            }
        });
        for (String arg : args) {
            String plain = arg.startsWith("--") ? arg.substring(2) : arg;
            int equals = plain.indexOf('=');
            if (plain.equals("help") || equals <= 0 || !HELP.containsKey(plain.substring(0, equals))) {
                throw new IllegalArgumentException(plain.equals("help") ? usage() : "Not an option: " + arg + "\n" + usage());
            }
            given.put(plain.substring(0, equals), plain.substring(equals + 1));
        }
        AnalyticsOptions options = new AnalyticsOptions(number(given, "events", 10_000_000),
                number(given, "accounts", 100), number(given, "samples", 500), number(given, "warmup", 200),
                number(given, "plain-samples", 30), number(given, "lag-events", 200),
                given.getOrDefault("database", "auditlog_bench_analytics"),
                Path.of(given.getOrDefault("out", root.resolve("bench/target").toString())),
                root.resolve("audit-service/target/quarkus-app/quarkus-run.jar"),
                root.resolve("analytics-service/target/quarkus-app/quarkus-run.jar"),
                given.getOrDefault("service-java-opts", ""));
        if (options.events < 1 || options.accounts < 2 || options.samples < 1 || options.lagEvents < 1) {
            throw new IllegalArgumentException("events, samples and lag-events must be at least 1, accounts at least 2");
        }
        return options;
    }

    static String usage() {
        StringBuilder text = new StringBuilder("Usage: bench/run-analytics.sh [--option=value ...]\n");
        HELP.forEach((key, help) -> text.append(String.format("  --%-20s %s%n", key + "=", help)));
        return text.toString();
    }

    private static int number(Map<String, String> given, String key, int fallback) {
        String value = given.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not " + value);
        }
    }
}
