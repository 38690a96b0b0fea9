package io.auditlog.export.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.export.api.ExportRequest;
import io.auditlog.export.client.AuditServiceClient;
import io.auditlog.export.domain.ExportCursor;
import io.auditlog.export.domain.ExportFile;
import io.auditlog.export.domain.ExportJob;
import io.auditlog.export.domain.JobStatus;
import io.auditlog.export.repository.JobRepository;
import io.auditlog.export.storage.ReportStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Report jobs as a super admin sees them: request, follow, list, download, delete; always within one account. Every
 * database call serving a request is bounded in time ({@link DatabaseCalls}): a database that does not answer
 * costs the caller a 503, not a request that hangs.
 */
@ApplicationScoped
public class ExportJobService {

    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;

    /** The caller a request acts for: the account, the user, and the user's own token (to check the query). */
    public record Requester(String accountId, String userId, String email, String token) {
    }

    /** A job with its files (empty until it completes). */
    public record JobWithFiles(ExportJob job, List<ExportFile> files) {
    }

    /** A page of the account's jobs, newest first, and the cursor of the next page (null on the last). */
    public record Page(List<ExportJob> jobs, ExportCursor next) {
    }

    /** A file ready to stream. */
    public record Download(ExportJob job, ExportFile file, Multi<Buffer> content) {
    }

    private final Pool pool;
    private final DatabaseCalls calls;
    private final JobRepository jobs;
    private final ExportRequestRules rules;
    private final AuditServiceClient audit;
    private final ReportStore store;

    ExportJobService(Pool pool, DatabaseCalls calls, JobRepository jobs, ExportRequestRules rules,
            AuditServiceClient audit, ReportStore store) {
        this.pool = pool;
        this.calls = calls;
        this.jobs = jobs;
        this.rules = rules;
        this.audit = audit;
        this.store = store;
    }

    /**
     * Queues a report. The query is first checked by the audit-service with the admin's own token (so a filter or
     * plan problem is answered now), then the request is recorded in the audit log, then the job is stored: an
     * export that is not in the audit log never runs.
     */
    public Uni<JobWithFiles> request(Requester requester, ExportRequest request) {
        Instant now = Instant.now();
        ExportRequestRules.Checked checked = rules.check(request, now);
        ExportJob job = new ExportJob(UUID.randomUUID(), requester.accountId(), requester.userId(), requester.email(),
                checked.type(), checked.format(), checked.query(), checked.from(), checked.to(), checked.timeZone(),
                JobStatus.QUEUED, 0, 0, 0, null, now.truncatedTo(ChronoUnit.MICROS), null, null, null);
        return audit.checkQuery(requester.token(), job.type().layout().narrow(job.query()), job.from(), job.to())
                .chain(() -> audit.recordExport(job))
                .chain(() -> calls.bounded(pool.withTransaction(connection -> jobs.insert(connection, job))))
                .map(stored -> new JobWithFiles(job, List.of()));
    }

    public Uni<JobWithFiles> get(String accountId, UUID id) {
        return calls.bounded(jobs.find(accountId, id)).chain(found -> {
            if (found == null) {
                throw ProblemException.notFound("No export " + id + " in this account");
            }
            ExportJob job = found.asOf(Instant.now());
            return job.status() == JobStatus.COMPLETED
                    ? calls.bounded(jobs.files(id, job.attempt())).map(files -> new JobWithFiles(job, files))
                    : Uni.createFrom().item(new JobWithFiles(job, List.of()));
        });
    }

    /**
     * A page of the account's jobs, newest first: {@code limit} 1 to {@link #MAX_PAGE}, {@code cursor} the
     * {@code nextCursor} of the page before (each a 400 naming it otherwise).
     */
    public Uni<Page> list(String accountId, String cursor, String limit) {
        int size = PageLimits.parse(limit, "limit", DEFAULT_PAGE, MAX_PAGE);
        ExportCursor after = ExportCursor.parameter(cursor).orElse(null);
        return calls.bounded(jobs.list(accountId, after, size + 1)).map(found -> {
            Instant now = Instant.now();
            List<ExportJob> page = found.stream().limit(size).map(job -> job.asOf(now)).toList();
            return new Page(page, found.size() > size ? ExportCursor.after(page.get(size - 1)) : null);
        });
    }

    public Uni<Void> delete(String accountId, UUID id) {
        return calls.bounded(jobs.delete(accountId, id)).invoke(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("No export " + id + " in this account");
            }
        }).replaceWithVoid();
    }

    /** File {@code number} of a completed, unexpired report; 410 once expired, 404 for anything else. */
    public Uni<Download> download(String accountId, UUID id, int number) {
        return get(accountId, id).map(found -> {
            if (found.job().status() == JobStatus.EXPIRED) {
                throw new ProblemException(410, "Gone", "The report expired; request it again while its period "
                        + "is within the last 90 days", List.of());
            }
            ExportFile file = found.files().stream().filter(f -> f.number() == number).findFirst().orElseThrow(
                    () -> ProblemException.notFound("Export " + id + " has no file " + number + " ready"));
            return new Download(found.job(), file, store.read(id, found.job().attempt(), number, file.chunks()));
        });
    }
}
