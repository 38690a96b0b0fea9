package io.auditlog.local.testing;

import org.junit.jupiter.api.Test;

/**
 * The template's rules as tests, one per rule so that a failure names the rule. A service's {@code LayeringTest}
 * extends this and gives only its own facts, in {@link #template()}.
 */
public abstract class ServiceTemplateRules {

    /** This service's root package, job packages, named JDBC classes and declared exceptions. */
    protected abstract ServiceTemplate template();

    @Test
    public void everyClassLivesInATemplatePackage() {
        template().everyClassLivesInATemplatePackage();
    }

    @Test
    public void nothingOutsideRestDependsOnRest() {
        template().nothingOutsideRestDependsOnRest();
    }

    @Test
    public void everyDependencyPointsDown() {
        template().everyDependencyPointsDown();
    }

    @Test
    public void theDomainIsPlainJava() {
        template().theDomainIsPlainJava();
    }

    @Test
    public void jdbcOnlyInTheNamedClasses() {
        template().jdbcOnlyInTheNamedClasses();
    }

    @Test
    public void transactionsOpenOnlyInServicesAndJobs() {
        template().transactionsOpenOnlyInServicesAndJobs();
    }

    @Test
    public void noSqlStringOutsideRepositories() {
        template().noSqlStringOutsideRepositories();
    }

    @Test
    public void reactiveSqlOnlyInRepositories() {
        template().reactiveSqlOnlyInRepositories();
    }
}
