package io.auditlog.console;

import org.junit.jupiter.api.Test;

import io.auditlog.local.testing.ServiceTemplate;

/**
 * The service template (docs/decisions.md, "Service template and data access") for the console, which has no
 * database and no service layer: its routes ({@code rest}) hand the forwarded API calls to the reverse proxy
 * ({@code proxy}), which, like a job package, uses only config and domain and is used only by {@code rest}. The
 * template's rules about the package layout apply, and the console stays without a database (no JDBC, no reactive
 * SQL); the rules about where SQL and transactions live have nothing to check here.
 */
class LayeringTest {

    private static final ServiceTemplate TEMPLATE = ServiceTemplate.of("io.auditlog.console").jobPackages("proxy");

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
    void noJdbc() {
        TEMPLATE.jdbcOnlyInTheNamedClasses();
    }

    @Test
    void noReactiveSql() {
        TEMPLATE.reactiveSqlOnlyInRepositories();
    }
}
