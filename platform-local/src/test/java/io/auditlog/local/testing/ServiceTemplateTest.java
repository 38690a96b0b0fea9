package io.auditlog.local.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.auditlog.local.testing.template.good.worker.CopyJob;
import io.auditlog.local.testing.template.good.worker.CopyWorker;

/**
 * The template rules bite: each rule fails on the class in {@code template.bad} that breaks it, and passes on
 * {@code template.good}, whose declared exceptions are needed (without them it fails) and suffice.
 */
class ServiceTemplateTest {

    private static final String TEMPLATE = "io.auditlog.local.testing.template";
    private static final ServiceTemplate GOOD = good(true);
    private static final ServiceTemplate BAD = ServiceTemplate.of(TEMPLATE + ".bad").readingTestSources();

    private static ServiceTemplate good(boolean withExceptions) {
        ServiceTemplate good = ServiceTemplate.of(TEMPLATE + ".good").readingTestSources().jobPackages("worker")
                .jdbcClasses(CopyJob.class);
        if (withExceptions) {
            good.allowAccess("service", "worker", "the fixture's declared exception")
                    .allowJdbcType(CopyWorker.class, SQLException.class, "the fixture's declared exception")
                    .allowReactiveSql(CopyWorker.class, "the fixture's declared exception");
        }
        return good;
    }

    @Test
    void aServiceOnTheTemplatePassesEveryRule() {
        GOOD.check();
    }

    @Test
    void theDeclaredExceptionsAreNeededAndNoWider() {
        ServiceTemplate strict = good(false);
        assertFails(strict::everyDependencyPointsDown, "ThingService", "CopyWorker");
        assertFails(strict::jdbcOnlyInTheNamedClasses, "CopyWorker", "SQLException");
        assertFails(strict::reactiveSqlOnlyInRepositories, "CopyWorker", "query");
    }

    @Test
    void aClassOutsideTheTemplatePackagesFails() {
        assertFails(BAD::everyClassLivesInATemplatePackage, "bad.util.Helper");
    }

    @Test
    void aRepositoryUsingRestFails() {
        assertFails(BAD::nothingOutsideRestDependsOnRest, "BadRepository", "BadResource");
    }

    @Test
    void anUpwardDependencyFails() {
        assertFails(BAD::everyDependencyPointsDown, "bad.domain.Thing", "BadService");
    }

    @Test
    void aDomainUsingADatabaseClientFails() {
        assertFails(BAD::theDomainIsPlainJava, "bad.domain.Thing", "Tuple");
    }

    @Test
    void jdbcOutsideTheNamedClassesFails() {
        assertFails(BAD::jdbcOnlyInTheNamedClasses, "BadService", "java.sql.Connection");
    }

    @Test
    void aTransactionOpenedInARepositoryOrResourceFails() {
        assertFails(BAD::transactionsOpenOnlyInServicesAndJobs, "BadRepository", "BadResource", "withTransaction",
                "repository/BadRepository.java: COMMIT");
    }

    @Test
    void anSqlStringOutsideRepositoryFails() {
        assertFails(BAD::noSqlStringOutsideRepositories, "service/BadService.java: SELECT count(*) FROM thing");
    }

    @Test
    void reactiveSqlOutsideRepositoryFails() {
        assertFails(BAD::reactiveSqlOnlyInRepositories, "BadService", "preparedQuery");
    }

    @Test
    void everyRuleFailsOnTheBadService() {
        List<Executable> rules = List.of(BAD::everyClassLivesInATemplatePackage, BAD::nothingOutsideRestDependsOnRest,
                BAD::everyDependencyPointsDown, BAD::theDomainIsPlainJava, BAD::jdbcOnlyInTheNamedClasses,
                BAD::transactionsOpenOnlyInServicesAndJobs, BAD::noSqlStringOutsideRepositories,
                BAD::reactiveSqlOnlyInRepositories);
        rules.forEach(rule -> assertThrows(AssertionError.class, rule));
        assertThrows(AssertionError.class, BAD::check);
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
                char d = '"';
                String e = "UPDATE export.job j SET status = $1";
                """;
        List<String> literals = StringLiterals.of(source);
        assertEquals(4, literals.size(), literals.toString());
        assertEquals(3, literals.stream().filter(l -> ServiceTemplate.SQL.matcher(l).find()).count());
        assertTrue(ServiceTemplate.TRANSACTION_SQL.matcher(" BEGIN ISOLATION LEVEL SERIALIZABLE").find());
        assertFalse(ServiceTemplate.TRANSACTION_SQL.matcher("the BEGIN of it").find());
    }

    private static void assertFails(Executable rule, String... inMessage) {
        AssertionError failure = assertThrows(AssertionError.class, rule);
        for (String expected : inMessage) {
            assertTrue(failure.getMessage().contains(expected), "'" + expected + "' in: " + failure.getMessage());
        }
    }
}
