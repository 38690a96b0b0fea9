package io.auditlog.export.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.problem.ProblemException;
import io.auditlog.export.client.AuditServiceClient;
import io.auditlog.export.domain.ExportFile;
import io.auditlog.export.domain.ExportJob;
import io.auditlog.export.domain.JobStatus;
import io.auditlog.export.repository.JobRepository;
import io.auditlog.export.rest.api.ExportRequest;
import io.auditlog.export.storage.ReportStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

/** Report jobs as a super admin sees them: request, follow, download, delete; always within one account. */
@ApplicationScoped
public class ExportJobService {

    /** The caller a request acts for: the account, the user, and the user's own token (to check the query). */
    public record Requester(String accountId, String userId, String email, String token) {
    }

    /** A job with its files (empty until it completes). */
    public record JobWithFiles(ExportJob job, List<ExportFile> files) {
    }

    /** A file ready to stream. */
    public record Download(ExportJob job, ExportFile file, Multi<Buffer> content) {
    }

    private final JobRepository jobs;
    private final ExportRequestRules rules;
    private final AuditServiceClient audit;
    private final ReportStore store;

    ExportJobService(JobRepository jobs, ExportRequestRules rules, AuditServiceClient audit, ReportStore store) {
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
        return audit.checkQuery(requester.token(), layoutQuery(job), job.from(), job.to())
                .chain(() -> audit.recordExport(job))
                .chain(() -> jobs.insert(job))
                .map(stored -> new JobWithFiles(job, List.of()));
    }

    public Uni<JobWithFiles> get(String accountId, UUID id) {
        return jobs.find(accountId, id).chain(found -> {
            if (found == null) {
                throw ProblemException.notFound("No export " + id + " in this account");
            }
            ExportJob job = found.asOf(Instant.now());
            return job.status() == JobStatus.COMPLETED
                    ? jobs.files(id, job.attempt()).map(files -> new JobWithFiles(job, files))
                    : Uni.createFrom().item(new JobWithFiles(job, List.of()));
        });
    }

    public Uni<List<ExportJob>> list(String accountId, Instant before, int limit) {
        return jobs.list(accountId, before, limit).map(list -> {
            Instant now = Instant.now();
            return list.stream().map(job -> job.asOf(now)).toList();
        });
    }

    public Uni<Void> delete(String accountId, UUID id) {
        return jobs.delete(accountId, id).invoke(deleted -> {
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

    /** The query as the audit-service sees it for this report type (content and staff reports fix the category). */
    private static java.util.Map<String, List<String>> layoutQuery(ExportJob job) {
        java.util.Map<String, List<String>> query = new java.util.LinkedHashMap<>(job.query());
        switch (job.type()) {
            case CONTENT_LOG -> query.put("category", List.of("CONTENT"));
            case STAFF_ACCESS -> {
                query.put("category", List.of("LOGIN"));
                query.put("actorType", List.of("STAFF"));
            }
            default -> {
            }
        }
        return query;
    }
}
