package io.auditlog.analytics.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The service template's arrows, checked on the compiled classes: everything imports downwards (nothing outside
 * {@code rest} uses {@code rest}; {@code api}, {@code repository} and {@code domain} do not use {@code service}), and
 * SQL runs only in {@code repository}.
 */
class LayeringTest {

    private static final String ROOT = "io.auditlog.analytics";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void nothingBelowRestUsesRest() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".rest..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + ".rest..").check(classes);
    }

    @Test
    void apiRepositoryAndDomainDoNotUseTheServices() {
        noClasses().that().resideInAnyPackage(ROOT + ".api..", ROOT + ".repository..", ROOT + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".service..", ROOT + ".rest..")
                .check(classes);
    }

    @Test
    void theDomainIsPlainJava() {
        noClasses().that().resideInAPackage(ROOT + ".domain..").should().dependOnClassesThat()
                .resideInAnyPackage("io.vertx..", "io.smallrye.mutiny..", "jakarta.ws.rs..", "java.sql..")
                .check(classes);
    }

    @Test
    void sqlRunsOnlyInRepositories() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".repository..")
                .should().callMethodWhere(runsSql())
                .orShould().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("SQL lives in repository (the feed engine's own position SQL is platform-common's)")
                .check(classes);
    }

    /** A statement sent through the reactive client: query(...) or preparedQuery(...) of a client, pool or connection. */
    private static DescribedPredicate<JavaMethodCall> runsSql() {
        return DescribedPredicate.describe("a reactive SQL client's query or preparedQuery",
                call -> call.getTargetOwner().isAssignableTo(io.vertx.mutiny.sqlclient.SqlClient.class)
                        && Set.of("query", "preparedQuery").contains(call.getName()));
    }
}
