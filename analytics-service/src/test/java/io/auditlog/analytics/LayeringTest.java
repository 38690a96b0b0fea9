package io.auditlog.analytics;

import org.junit.jupiter.api.Test;

import io.auditlog.local.testing.ServiceTemplate;

/**
 * The service template (docs/decisions.md, "Service template and data access"): the platform's one rule set,
 * {@link ServiceTemplate}, with this service's own facts. One test per rule, so that a failure names the rule.
 */
class LayeringTest {

    private static final ServiceTemplate TEMPLATE = ServiceTemplate.of("io.auditlog.analytics")
            .jobPackages("feed", "rollup")
            // The rebuild (RebuildService) is the one use case that steers a job: it clears the rollups under the
            // consumer's lock, so that no page is half applied around it, then wakes the consumer to replay.
            .allowAccess("service", "feed", "the rebuild takes the consumer's lock and wakes the consumer")
            .allowAccess("service", "rollup", "the rebuild counts itself in the rollup metrics");

    @Test
    void everyClassLivesInATemplatePackage() {
        TEMPLATE.everyClassLivesInATemplatePackage();
    }

    @Test
    void nothingOutsideRestDependsOnRest() {
        TEMPLATE.nothingOutsideRestDependsOnRest();
    }

    @Test
    void everyDependencyPointsDown() {
        TEMPLATE.everyDependencyPointsDown();
    }

    @Test
    void theDomainIsPlainJava() {
        TEMPLATE.theDomainIsPlainJava();
    }

    @Test
    void jdbcOnlyInTheNamedClasses() {
        TEMPLATE.jdbcOnlyInTheNamedClasses();
    }

    @Test
    void transactionsOpenOnlyInServicesAndJobs() {
        TEMPLATE.transactionsOpenOnlyInServicesAndJobs();
    }

    @Test
    void noSqlStringOutsideRepositories() {
        TEMPLATE.noSqlStringOutsideRepositories();
    }

    @Test
    void reactiveSqlOnlyInRepositories() {
        TEMPLATE.reactiveSqlOnlyInRepositories();
    }
}
