package io.auditlog.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A benchmark's command line, read the same way by every benchmark: each option as an argument
 * ({@code --events=20000} or {@code events=20000}) or a system property ({@code -Dbench.events=20000}), an argument
 * winning; {@code --help} prints the usage. Each benchmark names its options and their help text, and reads the
 * values with a default.
 */
public final class Options {

    private final Map<String, String> given;

    private Options(Map<String, String> given) {
        this.given = given;
    }

    /**
     * The options given as system properties and arguments; a {@link UsageException} for --help, a malformed
     * argument or a name {@code help} does not list.
     */
    public static Options parse(String[] args, Map<String, String> help) {
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
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(help.keySet());
        if (!unknown.isEmpty()) {
            throw new UsageException("Unknown option(s): " + unknown);
        }
        return new Options(given);
    }

    /**
     * Runs {@code parse}; on a usage problem prints it and the usage and exits: 0 for --help, 64 for bad options.
     */
    public static <T> T parseOrExit(Supplier<T> parse, String usage) {
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

    /** A whole number; {@code _} and {@code ,} may group digits (1_000_000). */
    public int integer(String key, int fallback) {
        return Math.toIntExact(number(key, fallback));
    }

    public long number(String key, long fallback) {
        String value = given.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(key + " must be a whole number, not " + value);
        }
    }

    public String text(String key, String fallback) {
        return given.getOrDefault(key, fallback);
    }

    /** A path, absolute; relative ones are taken from the working directory. */
    public Path path(String key, Path fallback) {
        String value = given.get(key);
        return (value == null ? fallback : Path.of(value)).toAbsolutePath();
    }

    /** A service's jar: the option {@code key}, else the module's build output in the repository. */
    public Path jar(String key, String module) {
        return path(key, projectRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar"));
    }

    /** The directory for the report and the services' logs: option {@code out}, default bench/target. */
    public Path out() {
        return path("out", projectRoot().resolve("bench/target"));
    }

    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new UsageException(message);
        }
    }

    /** The repository root: the working directory, or the first parent that holds the repository. */
    public static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (candidate.resolve("bench").toFile().isDirectory() && candidate.resolve("pom.xml").toFile().isFile()
                    && candidate.resolve("audit-service").toFile().isDirectory()) {
                return candidate;
            }
        }
        return dir;
    }

    public static String usage(String script, Map<String, String> options) {
        StringBuilder text = new StringBuilder("Usage: " + script + " [--option=value ...]\n"
                + "Options (also as -Dbench.<option>=value):\n");
        options.forEach((key, help) -> text.append(String.format("  --%-18s %s%n", key + "=", help)));
        return text.toString();
    }

    /** Bad or missing options; the message (null for --help) is printed with the usage. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
