package io.auditlog.export;

import java.sql.SQLException;

import io.auditlog.export.storage.PostgresReportStore;
import io.auditlog.export.worker.ExportWorker;
import io.auditlog.export.worker.JobClaims;
import io.auditlog.local.testing.ServiceTemplate;
import io.auditlog.local.testing.ServiceTemplateRules;

/**
 * The service template (docs/decisions.md, "Service template and data access"): the platform's one rule set,
 * {@link ServiceTemplate}, with this service's own facts; {@link ServiceTemplateRules} runs a test per rule.
 */
class LayeringTest extends ServiceTemplateRules {

    private static final ServiceTemplate TEMPLATE = ServiceTemplate.of("io.auditlog.export")
            .jobPackages("worker", "feed", "maintenance", "metrics", "storage")
            .jdbcClasses(JobClaims.class, PostgresReportStore.class)
            // storage and metrics are not jobs but the jobs' and the service's shared parts (docs/decisions.md,
            // "Export-service on the service template"); the template has no place for them, so the uses are named.
            .allowAccess("service", "storage", "a download reads the report store")
            .allowAccess("worker", "storage", "the report job writes the report store")
            .allowAccess("worker", "metrics", "the report job counts its attempts and files")
            .allowAccess("maintenance", "metrics", "the retention purge counts the files it expires")
            .allowJdbcType(ExportWorker.class, SQLException.class,
                    "the named JDBC classes' failures, which the worker retries like the store's and the audit-service's")
            .allowReactiveSql(PostgresReportStore.class,
                    "downloads read a file's chunks over the reactive client, beside the blocking chunk writes");

    @Override
    protected ServiceTemplate template() {
        return TEMPLATE;
    }
}
