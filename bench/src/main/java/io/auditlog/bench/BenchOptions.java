package io.auditlog.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's settings. Each can be given as an argument ({@code --events=20000} or {@code events=20000})
 * or as a system property ({@code -Dbench.events=20000}); an argument wins over a property.
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
        Map<String, String> given = given(args, HELP);
        Path root = projectRoot();
        BenchOptions options = new BenchOptions(
                intOf(given, "events", 1_000_000),
                intOf(given, "clients", 4),
                intOf(given, "batch", 1000),
                intOf(given, "accounts", 20),
                intOf(given, "repetitions", 200),
                intOf(given, "warmup", 200),
                intOf(given, "port", 0),
                intOf(given, "deep-page", 40),
                intOf(given, "insert-sessions", 4),
                intOf(given, "insert-rows", 500),
                Long.parseLong(given.getOrDefault("seed", "20261120")),
                given.getOrDefault("database", "auditlog_bench"),
                Path.of(given.getOrDefault("service-jar",
                        root.resolve("audit-service/target/quarkus-app/quarkus-run.jar").toString())).toAbsolutePath(),
                given.getOrDefault("service-java-opts", ""),
                Path.of(given.getOrDefault("out", root.resolve("bench/target").toString())).toAbsolutePath());
        options.check();
        return options;
    }

    /**
     * The options given as system properties ({@code -Dbench.<name>}) and arguments, an argument winning;
     * a {@link UsageException} for --help, a malformed argument or a name {@code help} does not list.
     */
    static Map<String, String> given(String[] args, Map<String, String> help) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String key : help.keySet()) {
            String property = System.getProperty("bench." + key);
            if (property != null) {
                given.put(key, property);
            }
        }
        for (String arg : args) {
            String plain = arg.startsWith("--") ? arg.substring(2) : arg;
            if (plain.equals("help") || plain.equals("h") || arg.equals("-h")) {
                throw new UsageException(null);
            }
            int equals = plain.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("Not an option: " + arg);
            }
            given.put(plain.substring(0, equals), plain.substring(equals + 1));
        }
        Set<String> unknown = new java.util.TreeSet<>(given.keySet());
        unknown.removeAll(help.keySet());
        if (!unknown.isEmpty()) {
            throw new UsageException("Unknown option(s): " + unknown);
        }
        return given;
    }

    /**
     * Runs {@code parse}; on a usage problem prints it and the usage and exits: 0 for --help, 64 for bad
     * options.
     */
    static <T> T parseOrExit(java.util.function.Supplier<T> parse, String usage) {
        try {
            return parse.get();
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(usage);
            System.exit(e.getMessage() == null ? 0 : 64);
            return null;
        }
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

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new UsageException(message);
        }
    }

    static int intOf(Map<String, String> given, String key, int fallback) {
        String value = given.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(key + " must be a whole number, not " + value);
        }
    }

    /** The repository root: the working directory, or its parent when started inside bench/. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (candidate.resolve("bench").toFile().isDirectory() && candidate.resolve("pom.xml").toFile().isFile()
                    && candidate.resolve("audit-service").toFile().isDirectory()) {
                return candidate;
            }
        }
        return dir;
    }

    static String usage() {
        return usage("bench/run-ingest-query.sh", HELP);
    }

    static String usage(String script, Map<String, String> options) {
        StringBuilder text = new StringBuilder("Usage: " + script + " [--option=value ...]\n"
                + "Options (also as -Dbench.<option>=value):\n");
        options.forEach((key, help) -> text.append(String.format("  --%-18s %s%n", key + "=", help)));
        return text.toString();
    }

    /** Bad or missing options; the message (null for --help) is printed with the usage. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
