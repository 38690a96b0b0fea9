package io.auditlog.export.worker;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.common.work.Doorbells;
import io.auditlog.common.work.WakeupLoop;
import io.auditlog.export.client.AuditServiceClient;
import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.storage.ReportStore;
import io.auditlog.export.storage.ReportStoreException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs report jobs on a thread of its own: claims the oldest open job, streams its rows from the audit-service
 * into files, and completes it. Woken by NOTIFY export_jobs (through {@link Doorbells}) and by a timer, so a lost
 * notification only delays a job. Several replicas can run: each claim takes a different job.
 */
@ApplicationScoped
public class ExportWorker {

    private static final Logger LOG = Logger.getLogger(ExportWorker.class);

    private final JobClaims claims;
    private final ReportStore store;
    private final AuditServiceClient audit;
    private final ExportConfig config;
    private final Doorbells doorbells;
    private final WakeupLoop loop = new WakeupLoop("export-worker", this::runNextJob,
            e -> LOG.warnf("Looking for export jobs failed, will retry: %s", e.getMessage()));

    ExportWorker(JobClaims claims, ReportStore store, AuditServiceClient audit, ExportConfig config,
            Doorbells doorbells) {
        this.claims = claims;
        this.store = store;
        this.audit = audit;
        this.config = config;
        this.doorbells = doorbells;
    }

    void start(@Observes StartupEvent event) {
        doorbells.listen("export-service-listener", Map.of("export_jobs", this::wake));
    }

    @Scheduled(every = "${export.worker.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    @Scheduled(every = "${export.worker.purge-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int expired = claims.purgeExpired();
            if (expired > 0) {
                LOG.infof("Expired %d reports past their %s retention", expired, config.retention());
            }
        } catch (Exception e) {
            LOG.warnf("Retention purge failed, will retry: %s", e.getMessage());
        }
    }

    /** Makes the worker look for jobs now; returns at once. */
    public void wake() {
        loop.wake();
    }

    /** Claims and runs the oldest open job, if any; answers whether there was one. */
    private boolean runNextJob() throws SQLException {
        Optional<ClaimedJob> job = claims.claim(config.worker().staleAfter());
        job.ifPresent(this::run);
        return job.isPresent();
    }

    void run(ClaimedJob job) {
        long started = System.nanoTime();
        LOG.infof("Export %s (%s, account %s) attempt %d started", job.id(), job.type().id(), job.accountId(),
                job.attempt());
        try {
            store.discardAttemptsBefore(job.id(), job.attempt());
            ReportWriter.Result result;
            try (InputStream rows = audit.openReport(job)) {
                result = new ReportWriter(job, store, config.maxFileBytes(), config.chunkBytes(),
                        config.worker().heartbeatEvery().toNanos())
                        .write(rows, (count, files) -> claims.progress(job, count, files));
            }
            Instant expires = Instant.now().plus(config.retention());
            if (claims.complete(job, result.rows(), result.files(), expires)) {
                LOG.infof("Export %s completed: %d rows in %d files in %.1fs", job.id(), result.rows(),
                        result.files(), (System.nanoTime() - started) / 1e9);
            } else {
                LOG.infof("Export %s attempt %d was superseded; its result is dropped", job.id(), job.attempt());
            }
        } catch (ReportWriter.AttemptLost e) {
            LOG.infof("Export %s attempt %d was superseded or deleted while running", job.id(), job.attempt());
        } catch (AuditServiceClient.AuditServiceException e) {
            failOrRetry(job, e, e.isPermanent());
        } catch (IOException | SQLException | ReportStoreException e) {
            failOrRetry(job, e, false); // the audit-service, the database or the store away: claimed again later
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failOrRetry(job, e, true);
        }
    }

    /**
     * A refusal fails the job with its reason. A transient failure (the audit-service or the database briefly
     * away) leaves the job running without a heartbeat, so it is claimed again once it goes stale.
     */
    private void failOrRetry(ClaimedJob job, Exception e, boolean permanent) {
        if (!permanent) {
            LOG.warnf("Export %s attempt %d interrupted, will be retried: %s", job.id(), job.attempt(), e.getMessage());
            return;
        }
        LOG.warnf("Export %s failed: %s", job.id(), e.getMessage());
        try {
            claims.fail(job, e.getMessage());
        } catch (Exception failure) {
            LOG.warnf("Could not record the failure of export %s: %s", job.id(), failure.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }
}
