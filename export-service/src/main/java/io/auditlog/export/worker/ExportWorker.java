package io.auditlog.export.worker;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.common.work.Doorbells;
import io.auditlog.common.work.WakeupLoop;
import io.auditlog.export.client.AuditServiceClient;
import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.domain.ClaimedJob;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.metrics.ExportMetrics;
import io.auditlog.export.metrics.ExportMetrics.Outcome;
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
    private final ExportMetrics metrics;
    private final ReportManifests manifests;
    private final WakeupLoop loop = new WakeupLoop("export-worker", this::runNextJob,
            e -> LOG.warnf("Looking for export jobs failed, will retry: %s", e.getMessage()));

    ExportWorker(JobClaims claims, ReportStore store, AuditServiceClient audit, ExportConfig config,
            Doorbells doorbells, ExportMetrics metrics, ReportManifests manifests) {
        this.manifests = manifests;
        this.claims = claims;
        this.store = store;
        this.audit = audit;
        this.config = config;
        this.doorbells = doorbells;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        doorbells.listen("export-service-listener", Map.of("export_jobs", this::wake));
    }

    @Scheduled(every = "${export.worker.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
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
        Outcome outcome = Outcome.RETRIED;
        try {
            store.discardAttemptsBefore(job.id(), job.attempt());
            ReportWriter.Result result;
            Instant completedAt;
            // An NDJSON report's event ids are kept while it is written, for its per-row proof afterwards.
            try (EventIdSpool ids = manifests.enabled() && job.format() == ExportFormat.NDJSON ? new EventIdSpool()
                    : null) {
                try (InputStream rows = audit.openReport(job)) {
                    result = new ReportWriter(job, store, config.maxFileBytes(), config.chunkBytes(),
                            config.worker().heartbeatEvery().toNanos(), metrics::fileStored,
                            ids == null ? (f, a, o, l) -> {
                            } : ids)
                            .write(rows, (count, files) -> claims.progress(job, count, files));
                }
                if (ids != null) {
                    ids.finish();
                }
                completedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                manifests.write(job, result, ids, completedAt, heartbeat(job, result));
            }
            if (claims.complete(job, result.rows(), result.files(), config.retention(), completedAt)) {
                outcome = Outcome.COMPLETED;
                LOG.infof("Export %s completed: %d rows in %d files (%d bytes) in %.1fs", job.id(), result.rows(),
                        result.files(), result.bytes(), (System.nanoTime() - started) / 1e9);
            } else {
                outcome = Outcome.SUPERSEDED;
                LOG.infof("Export %s attempt %d was superseded; its result is dropped", job.id(), job.attempt());
            }
        } catch (ReportWriter.AttemptLost e) {
            outcome = Outcome.SUPERSEDED;
            LOG.infof("Export %s attempt %d was superseded or deleted while running", job.id(), job.attempt());
        } catch (AuditServiceClient.AuditServiceException e) {
            outcome = failOrRetry(job, e, e.isPermanent());
        } catch (IOException | SQLException | ReportStoreException e) {
            outcome = failOrRetry(job, e, false); // the audit-service, the database or the store away: claimed again later
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            outcome = failOrRetry(job, e, true);
        } finally {
            metrics.attemptEnded(outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Proves the worker alive while the report is sealed, at most once per heartbeat period. */
    private ReportProofs.Heartbeat heartbeat(ClaimedJob job, ReportWriter.Result result) {
        long every = config.worker().heartbeatEvery().toNanos();
        long[] last = { System.nanoTime() };
        return () -> {
            if (System.nanoTime() - last[0] > every) {
                if (!claims.progress(job, result.rows(), result.files())) {
                    throw new ReportWriter.AttemptLost();
                }
                last[0] = System.nanoTime();
            }
        };
    }

    /**
     * A refusal fails the job with its reason. A transient failure (the audit-service or the database briefly
     * away) leaves the job running without a heartbeat, so it is claimed again once it goes stale.
     */
    private Outcome failOrRetry(ClaimedJob job, Exception e, boolean permanent) {
        if (!permanent) {
            LOG.warnf("Export %s attempt %d interrupted, will be retried: %s", job.id(), job.attempt(), e.getMessage());
            return Outcome.RETRIED;
        }
        LOG.warnf("Export %s failed: %s", job.id(), e.getMessage());
        try {
            claims.fail(job, e.getMessage());
        } catch (Exception failure) {
            LOG.warnf("Could not record the failure of export %s: %s", job.id(), failure.getMessage());
            return Outcome.RETRIED;
        }
        return Outcome.FAILED;
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }
}
