package io.auditlog.export.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.export.domain.JobStatus;
import io.auditlog.export.repository.JobRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The export-service's own metrics, named by Micrometer's conventions (Prometheus names in brackets):
 * <ul>
 * <li>{@code export.jobs} (export_jobs), a gauge per {@code state}: the jobs of all accounts in each state, as the
 * API shows them. Counted in the database every {@code export.metrics.refresh-every}, not on each scrape (a
 * scrape must not wait for the database); every replica reports the same numbers.</li>
 * <li>{@code export.job.duration} (export_job_duration_seconds), a timer per {@code outcome}: from a worker's claim
 * of a job to the end of that attempt, which {@code completed} the report, {@code failed} it (refused), left it to
 * be {@code retried} (a transient failure) or found it {@code superseded} (deleted, or claimed by another worker).
 * </li>
 * <li>{@code export.report.written} (export_report_written_bytes_total): bytes of report files stored, counted as
 * each file is finished.</li>
 * <li>{@code export.retention.files.expired} (export_retention_files_expired_total): files the retention purge
 * deleted.</li>
 * </ul>
 */
@ApplicationScoped
public class ExportMetrics {

    private static final Logger LOG = Logger.getLogger(ExportMetrics.class);

    private final JobRepository jobs;
    private final DatabaseCalls calls;
    private final Map<JobStatus, AtomicLong> byState = new EnumMap<>(JobStatus.class);
    private final Map<Outcome, Timer> durations = new EnumMap<>(Outcome.class);
    private final Counter bytesWritten;
    private final Counter filesExpired;
    private final AtomicLong refreshes = new AtomicLong();
    private long applied;

    ExportMetrics(MeterRegistry registry, JobRepository jobs, DatabaseCalls calls) {
        this.jobs = jobs;
        this.calls = calls;
        for (JobStatus status : JobStatus.values()) {
            AtomicLong count = new AtomicLong();
            byState.put(status, count);
            Gauge.builder("export.jobs", count, AtomicLong::get).description("Report jobs of all accounts by state")
                    .tag("state", status.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        for (Outcome outcome : Outcome.values()) {
            durations.put(outcome, Timer.builder("export.job.duration")
                    .description("From a worker's claim of a report job to the end of that attempt")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.bytesWritten = Counter.builder("export.report.written").baseUnit("bytes")
                .description("Bytes of report files stored").register(registry);
        this.filesExpired = Counter.builder("export.retention.files.expired")
                .description("Report files deleted by the retention purge").register(registry);
    }

    /**
     * Counts the jobs by state again; the gauges keep their last numbers when the database does not answer. Of two
     * refreshes that overlap, the one started later wins, so the gauges never go back to an older count.
     */
    public Uni<Void> refresh() {
        long refresh = refreshes.incrementAndGet();
        return calls.bounded(jobs.countByStatus()).invoke(counts -> {
            synchronized (byState) {
                if (refresh > applied) {
                    applied = refresh;
                    counts.forEach((status, count) -> byState.get(status).set(count));
                }
            }
        }).replaceWithVoid();
    }

    @Scheduled(every = "${export.metrics.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshOnSchedule() {
        return refresh().onFailure().recoverWithItem(e -> {
            LOG.debugf("Counting jobs by state failed, will retry: %s", e.getMessage());
            return null;
        });
    }

    /** How an attempt at a report job ended. */
    public enum Outcome {
        COMPLETED, FAILED, RETRIED, SUPERSEDED
    }

    public void attemptEnded(Outcome outcome, Duration took) {
        durations.get(outcome).record(took);
    }

    public void fileStored(long bytes) {
        bytesWritten.increment(bytes);
    }

    public void filesExpired(long files) {
        filesExpired.increment(files);
    }
}
