package io.auditlog.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The service template (docs/decisions.md, "Service template and data access"), read from the sources: every import
 * points down (nothing outside {@code rest} imports {@code rest}; {@code repository} and {@code domain} import
 * neither {@code api} nor {@code service}), and SQL is written only in {@code repository}.
 */
class LayeringTest {

    private static final Path ROOT = Path.of("src/main/java/io/auditlog/notify");
    private static final Pattern SQL = Pattern.compile(
            "\"[^\"]*\\b(SELECT\\s|INSERT\\s+INTO|UPDATE\\s+\\w|DELETE\\s+FROM|LOCK\\s+TABLE)|\"\"\"\\s*\\n\\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\\b");

    @Test
    void nothingBelowRestImportsRest() throws IOException {
        assertEquals(List.of(), offenders(path -> !path.startsWith(ROOT.resolve("rest")), "io.auditlog.notify.rest"));
    }

    @Test
    void repositoriesAndDomainImportNoApiNorService() throws IOException {
        for (String lower : List.of("repository", "domain")) {
            for (String upper : List.of("api", "service", "rest", "feed", "mail", "maintenance", "client")) {
                assertEquals(List.of(), offenders(path -> path.startsWith(ROOT.resolve(lower)),
                        "io.auditlog.notify." + upper + "."), lower + " imports " + upper);
            }
        }
    }

    @Test
    void sqlIsWrittenOnlyInRepositories() throws IOException {
        TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!file.startsWith(ROOT.resolve("repository")) && SQL.matcher(Files.readString(file)).find()) {
                    found.add(ROOT.relativize(file).toString());
                }
            }
        }
        assertEquals(new TreeSet<>(), found);
    }

    private static List<String> offenders(java.util.function.Predicate<Path> which, String importPrefix)
            throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(which).filter(f -> {
                try {
                    return Files.readAllLines(f).stream().anyMatch(line -> line.startsWith("import " + importPrefix)
                            || line.startsWith("import static " + importPrefix));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(f -> ROOT.relativize(f).toString()).sorted().toList();
        }
    }
}
