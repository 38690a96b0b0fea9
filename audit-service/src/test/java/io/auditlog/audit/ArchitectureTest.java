package io.auditlog.audit;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.auditlog.audit.repository.EventCopyRepository;

/**
 * The service template (README.md, "Packages"): the same packages in every service, every
 * dependency pointing down, SQL only in {@code repository}, JDBC only in the named COPY class, no transaction opened
 * in a repository.
 */
class ArchitectureTest {

    private static final String ROOT = "io.auditlog.audit";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void everyClassLivesInAPackageOfTheTemplate() {
        classes().should().resideInAnyPackage(ROOT + ".api", ROOT + ".rest", ROOT + ".service", ROOT + ".repository",
                ROOT + ".domain", ROOT + ".config", ROOT + ".client", ROOT + ".feed", ROOT + ".maintenance")
                .check(classes);
    }

    @Test
    void nothingBelowRestImportsRest() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".rest..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + ".rest..").check(classes);
    }

    @Test
    void everyDependencyPointsDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("rest").definedBy(ROOT + ".rest..")
                .layer("api").definedBy(ROOT + ".api..")
                .layer("service").definedBy(ROOT + ".service..")
                .layer("feed").definedBy(ROOT + ".feed..")
                .layer("maintenance").definedBy(ROOT + ".maintenance..")
                .layer("repository").definedBy(ROOT + ".repository..")
                .layer("config").definedBy(ROOT + ".config..")
                .layer("domain").definedBy(ROOT + ".domain..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("maintenance").mayNotBeAccessedByAnyLayer()
                .whereLayer("feed").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("api").mayOnlyBeAccessedByLayers("rest", "service")
                .whereLayer("repository").mayOnlyBeAccessedByLayers("service", "feed", "maintenance")
                .whereLayer("config").mayOnlyBeAccessedByLayers("rest", "service", "feed", "maintenance", "repository")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".domain..").should().dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".rest..", ROOT + ".api..", ROOT + ".service..", ROOT + ".feed..",
                        ROOT + ".maintenance..", ROOT + ".repository..", ROOT + ".config..")
                .check(classes);
    }

    @Test
    void jdbcOnlyInTheNamedCopyClass() {
        noClasses().that().doNotHaveFullyQualifiedName(EventCopyRepository.class.getName())
                .and().doNotHaveFullyQualifiedName(EventCopyRepository.class.getName() + "$CopyCursor")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "io.agroal..", "org.postgresql..")
                .check(classes);
    }

    @Test
    void repositoriesOpenNoTransaction() {
        noClasses().that().resideInAPackage(ROOT + ".repository..").should()
                .callMethodWhere(target(nameMatching("withTransaction|begin")))
                .orShould().beAnnotatedWith("io.quarkus.hibernate.reactive.panache.common.WithTransaction")
                .check(classes);
    }

    /** SQL in a string literal or text block: a statement's leading keyword, or a PostgreSQL function call. */
    private static final Pattern SQL = Pattern.compile(
            "\\b(SELECT|INSERT INTO|UPDATE \\w+ SET|DELETE FROM|COPY \\(|NOTIFY|LISTEN|WITH \\w+ AS)\\b|\\bpg_\\w+\\(");

    @Test
    void noSqlOutsideRepository() throws IOException {
        Path sources = Path.of("src/main/java", ROOT.split("\\."));
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = sources.relativize(file.getParent()).toString();
                if (pkg.equals("repository")) {
                    continue;
                }
                for (String literal : stringLiterals(Files.readString(file))) {
                    if (SQL.matcher(literal).find()) {
                        offenders.add(sources.relativize(file) + ": " + literal);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** Sanity check of the scan itself: it finds SQL in literals and text blocks, not in comments. */
    @Test
    void theScanFindsSqlInStringsOnly() {
        String source = """
                // SELECT 1 in a comment
                /* INSERT INTO x in a comment */
                String a = "SELECT pg_advisory_xact_lock($1)";
                String b = \"""
                        COPY (SELECT 1) TO STDOUT\""";
                String c = "http://example.com/ \\" quoted";
                """;
        List<String> literals = stringLiterals(source);
        assertEquals(3, literals.size(), literals.toString());
        assertEquals(2, literals.stream().filter(l -> SQL.matcher(l).find()).count());
    }

    /** The string literals and text blocks of a Java source, comments skipped. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = indexOrEnd(source, "\n", i);
            } else if (source.startsWith("/*", i)) {
                i = indexOrEnd(source, "*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = indexOrEnd(source, "\"\"\"", i + 3);
                literals.add(source.substring(i + 3, Math.min(end, source.length())));
                i = end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != quote) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    literals.add(source.substring(i + 1, Math.min(j, source.length())));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int indexOrEnd(String source, String token, int from) {
        int index = source.indexOf(token, from);
        return index < 0 ? source.length() : index;
    }
}
