package io.auditlog.audit;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.repository.EventCopyRepository;
import io.auditlog.local.testing.ServiceTemplate;

/**
 * The service template (docs/decisions.md, "Service template and data access"): the platform's one rule set,
 * {@link ServiceTemplate}, with this service's own facts. One test per rule, so that a failure names the rule.
 */
class LayeringTest {

    private static final ServiceTemplate TEMPLATE = ServiceTemplate.of("io.auditlog.audit")
            .jobPackages("feed", "maintenance")
            .jdbcClasses(EventCopyRepository.class);

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
