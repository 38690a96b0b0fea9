package io.auditlog.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service template, read from the sources: every import points down (nothing outside {@code rest} uses
 * {@code rest}; {@code api}, {@code domain} and {@code repository} use nothing above them), SQL lives only in
 * {@code repository} and the named JDBC classes, and transactions are opened only where the template says.
 */
class LayeringTest {

    private static final Path ROOT = Path.of("src/main/java/io/auditlog/export");
    private static final String BASE = "io.auditlog.export.";
    /** The JDBC classes by name: the worker's side of the job table and the report store's blocking chunk writes. */
    private static final Set<String> NAMED_JDBC = Set.of("worker/JobClaims.java", "storage/PostgresReportStore.java");
    private static final Set<String> PACKAGES = Set.of("api", "rest", "service", "repository", "domain", "config",
            "client", "worker", "feed", "maintenance", "metrics", "storage");
    /** SQL as it is written in a statement (upper case keywords), in code with its comments removed. */
    private static final Pattern SQL = Pattern.compile(
            "\\b(SELECT\\s+\\S|INSERT\\s+INTO|UPDATE\\s+\\w+(\\.\\w+)?\\s+(\\w+\\s+)?SET|DELETE\\s+FROM|NOTIFY\\s+\\w|LISTEN\\s+\\w|LOCK\\s+TABLE)");
    private static final Pattern JDBC = Pattern.compile(
            "java\\.sql\\.(Connection|PreparedStatement|Statement|ResultSet|DriverManager)\\b|AgroalDataSource|setAutoCommit|javax\\.sql\\.");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+)");

    private static final Map<String, String> SOURCES = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                SOURCES.put(ROOT.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        assertTrue(SOURCES.size() > 30, "the sources were found: " + SOURCES.keySet());
    }

    @Test
    void everyClassIsInAPackageOfTheTemplate() {
        SOURCES.keySet().forEach(file -> assertTrue(PACKAGES.contains(packageOf(file)), file));
    }

    @Test
    void nothingBelowRestImportsRest() {
        List<String> up = new ArrayList<>();
        SOURCES.forEach((file, source) -> {
            if (!packageOf(file).equals("rest") && uses(source, "rest")) {
                up.add(file);
            }
        });
        assertEquals(List.of(), up, "classes outside rest that use rest");
    }

    @Test
    void apiDomainAndRepositoryUseNothingAboveThem() {
        Map<String, Set<String>> allowed = Map.of(
                "api", Set.of(),
                "domain", Set.of("domain"),
                "repository", Set.of("domain", "repository"));
        List<String> up = new ArrayList<>();
        SOURCES.forEach((file, source) -> {
            Set<String> mayUse = allowed.get(packageOf(file));
            if (mayUse == null) {
                return;
            }
            for (String layer : PACKAGES) {
                if (!layer.equals(packageOf(file)) && !mayUse.contains(layer) && uses(source, layer)) {
                    up.add(file + " uses " + layer);
                }
            }
        });
        assertEquals(List.of(), up);
    }

    @Test
    void sqlOnlyInRepositoriesAndTheNamedJdbcClasses() {
        List<String> misplaced = new ArrayList<>();
        List<String> repositories = new ArrayList<>();
        SOURCES.forEach((file, source) -> {
            Matcher sql = SQL.matcher(code(source));
            boolean hasSql = sql.find();
            if (packageOf(file).equals("repository") || NAMED_JDBC.contains(file)) {
                if (hasSql) {
                    repositories.add(file);
                }
            } else if (hasSql) {
                misplaced.add(file + ": " + sql.group());
            }
        });
        assertEquals(List.of(), misplaced, "SQL outside repository and the named JDBC classes");
        assertTrue(repositories.containsAll(List.of("repository/JobRepository.java",
                "repository/ReadyFeedRepository.java", "worker/JobClaims.java", "storage/PostgresReportStore.java")),
                "the scan finds the SQL where it is: " + repositories);
    }

    @Test
    void jdbcAndItsTransactionsOnlyInTheNamedClasses() {
        List<String> misplaced = new ArrayList<>();
        SOURCES.forEach((file, source) -> {
            String code = code(source);
            // java.sql.SQLException alone is allowed: the worker tells the named classes' failures apart.
            boolean jdbc = JDBC.matcher(code).find();
            if (jdbc && !NAMED_JDBC.contains(file)) {
                misplaced.add(file);
            }
        });
        assertEquals(List.of(), misplaced, "JDBC outside the named classes");
        assertTrue(code(SOURCES.get("worker/JobClaims.java")).contains("setAutoCommit(false)"), "the scan sees JDBC");
    }

    @Test
    void transactionsAreOpenedInServicesAndBackgroundJobsNeverInRepositoriesOrResources() {
        List<String> misplaced = new ArrayList<>();
        SOURCES.forEach((file, source) -> {
            String code = code(source);
            if ((code.contains("withTransaction") || code.contains("\"BEGIN") || code.contains("\"COMMIT"))
                    && Set.of("repository", "rest", "api", "domain").contains(packageOf(file))) {
                misplaced.add(file);
            }
        });
        assertEquals(List.of(), misplaced);
        assertTrue(code(SOURCES.get("service/ExportJobService.java")).contains("pool.withTransaction"),
                "the scan sees the service's transaction");
    }

    private static String packageOf(String file) {
        int slash = file.indexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    /** Whether the source imports from, or names by its full name, the service's package {@code layer}. */
    private static boolean uses(String source, String layer) {
        Matcher imports = IMPORT.matcher(source);
        while (imports.find()) {
            if (imports.group(1).startsWith(BASE + layer + ".")) {
                return true;
            }
        }
        return code(source).contains(BASE + layer + ".");
    }

    /** The source without its comments (string literals stay: that is where SQL is). */
    static String code(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
                code.append(source, i, end);
                i = end;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != quote && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, source.length());
                code.append(source, i, j);
                i = j;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else {
                code.append(source.charAt(i++));
            }
        }
        return code.toString();
    }
}
