package io.auditlog.export.maintenance;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.metrics.ExportMetrics;
import io.auditlog.export.repository.JobRepository;
import io.auditlog.export.repository.JobRepository.Expired;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Retention: marks completed reports past their {@code expiresAt} as expired and deletes their files. A report is
 * gone for the API from its expiry on whether or not this has run (its status reads EXPIRED, downloads answer
 * 410); the purge frees the storage. Safe on several replicas: one statement, and a report expires once.
 */
@ApplicationScoped
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    private final JobRepository jobs;
    private final ExportMetrics metrics;
    private final ExportConfig config;

    RetentionPurge(JobRepository jobs, ExportMetrics metrics, ExportConfig config) {
        this.jobs = jobs;
        this.metrics = metrics;
        this.config = config;
    }

    /** Expires what is due now; answers how many reports and files. */
    public Uni<Expired> purge() {
        return jobs.expireCompleted().invoke(expired -> {
            metrics.filesExpired(expired.files());
            if (expired.reports() > 0) {
                LOG.infof("Expired %d reports (%d files) past their %s retention", expired.reports(), expired.files(),
                        config.retention());
            }
        });
    }

    @Scheduled(every = "${export.worker.purge-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeOnSchedule() {
        return purge().onFailure().recoverWithItem(e -> {
            LOG.warnf("Retention purge failed, will retry: %s", e.getMessage());
            return null;
        }).replaceWithVoid();
    }
}
