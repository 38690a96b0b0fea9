package io.auditlog.export.service;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.export.api.ExportRequest;
import io.auditlog.export.client.AuditServiceClient;
import io.auditlog.export.domain.ExportCursor;
import io.auditlog.export.domain.ExportFile;
import io.auditlog.export.domain.ExportFormat;
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

    /**
     * A job with its data files (empty until it completes), its signed manifest and proof files when it has them
     * (else null), and each data file's SHA-256 as the manifest lists it (empty in a list's page).
     */
    public record JobWithFiles(ExportJob job, List<ExportFile> files, ExportFile manifest, ExportFile proof,
            Map<Integer, String> sha256) {

        public JobWithFiles(ExportJob job, List<ExportFile> files) {
            this(job, files, null, null, Map.of());
        }

        static JobWithFiles of(ExportJob job, List<ExportFile> all, Map<Integer, String> sha256) {
            return new JobWithFiles(job, all.stream().filter(f -> f.number() > 0).toList(), numbered(all,
                    ExportFile.MANIFEST), numbered(all, ExportFile.PROOF), sha256);
        }

        private static ExportFile numbered(List<ExportFile> files, int number) {
            return files.stream().filter(f -> f.number() == number).findFirst().orElse(null);
        }
    }

    /** A page of the account's jobs, newest first, and the cursor of the next page (null on the last). */
    public record Page(List<JobWithFiles> jobs, ExportCursor next) {
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

    private final ObjectMapper json;

    ExportJobService(Pool pool, DatabaseCalls calls, JobRepository jobs, ExportRequestRules rules,
            AuditServiceClient audit, ReportStore store, ObjectMapper json) {
        this.json = json;
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
            if (job.status() != JobStatus.COMPLETED) {
                return Uni.createFrom().item(new JobWithFiles(job, List.of()));
            }
            return calls.bounded(jobs.files(id, job.attempt())).chain(files -> {
                JobWithFiles bare = JobWithFiles.of(job, files, Map.of());
                if (bare.manifest() == null) {
                    return Uni.createFrom().item(bare);
                }
                return read(job, bare.manifest()).map(manifest -> JobWithFiles.of(job, files, hashes(manifest)));
            });
        });
    }

    /** The SHA-256 of each data file, by number, as the signed manifest lists it. */
    private Map<Integer, String> hashes(byte[] manifest) {
        Map<Integer, String> hashes = new HashMap<>();
        try {
            json.readTree(manifest).path("files").forEach(f -> hashes.put(f.path("number").asInt(),
                    f.path("sha256").asText(null)));
        } catch (IOException e) {
            throw new IllegalStateException("A stored manifest is not JSON", e);
        }
        return hashes;
    }

    private Uni<byte[]> read(ExportJob job, ExportFile file) {
        return store.read(job.id(), job.attempt(), file.number(), file.chunks())
                .collect().in(Buffer::buffer, Buffer::appendBuffer).map(Buffer::getBytes);
    }

    /**
     * A page of the account's jobs, newest first: {@code limit} 1 to {@link #MAX_PAGE}, {@code cursor} the
     * {@code nextCursor} of the page before (each a 400 naming it otherwise).
     */
    public Uni<Page> list(String accountId, String cursor, String limit) {
        int size = PageLimits.parse(limit, "limit", DEFAULT_PAGE, MAX_PAGE);
        ExportCursor after = ExportCursor.parameter(cursor).orElse(null);
        return calls.bounded(jobs.list(accountId, after, size + 1)).chain(found -> {
            Instant now = Instant.now();
            List<ExportJob> page = found.stream().limit(size).map(job -> job.asOf(now)).toList();
            ExportCursor next = found.size() > size ? ExportCursor.after(page.get(size - 1)) : null;
            List<UUID> completed = page.stream().filter(j -> j.status() == JobStatus.COMPLETED).map(ExportJob::id)
                    .toList();
            Uni<Map<UUID, List<ExportFile>>> sealed = completed.isEmpty() ? Uni.createFrom().item(Map.of())
                    : calls.bounded(jobs.manifests(completed));
            return sealed.map(extras -> new Page(page.stream().map(job -> job.status() == JobStatus.COMPLETED
                    ? JobWithFiles.of(job, extras.getOrDefault(job.id(), List.of()), Map.of())
                    : new JobWithFiles(job, List.of())).toList(), next));
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
        return completed(accountId, id).map(found -> {
            ExportFile file = found.files().stream().filter(f -> f.number() == number).findFirst().orElseThrow(
                    () -> ProblemException.notFound("Export " + id + " has no file " + number + " ready"));
            return new Download(found.job(), file, store.read(id, found.job().attempt(), number, file.chunks()));
        });
    }

    /** The signed manifest of a completed, unexpired report; 410 once expired, 404 when it has none. */
    public Uni<Download> manifest(String accountId, UUID id) {
        return completed(accountId, id).map(found -> {
            if (found.manifest() == null) {
                throw ProblemException.notFound("Export " + id + " has no signed manifest: it completed before "
                        + "reports were signed, or without a signing key");
            }
            return new Download(found.job(), found.manifest(), read(found.job(), found.manifest()).toMulti()
                    .map(Buffer::buffer));
        });
    }

    /** The per-row proof of a completed, unexpired NDJSON report; 410 once expired, 404 for CSV or none. */
    public Uni<Download> proof(String accountId, UUID id) {
        return completed(accountId, id).map(found -> {
            if (found.job().format() != ExportFormat.NDJSON) {
                throw ProblemException.notFound("Export " + id + " is a CSV report: it has no per-row proof (CSV "
                        + "rows are a projection; its files are covered by the manifest's hashes)");
            }
            if (found.proof() == null) {
                throw ProblemException.notFound("Export " + id + " has no per-row proof: it completed before "
                        + "reports were signed, or without a signing key");
            }
            ExportFile proof = found.proof();
            return new Download(found.job(), proof, store.read(id, found.job().attempt(), proof.number(),
                    proof.chunks()));
        });
    }

    /** A report that completed and has not expired (410 once expired; 404 while not completed). */
    private Uni<JobWithFiles> completed(String accountId, UUID id) {
        return get(accountId, id).map(found -> {
            if (found.job().status() == JobStatus.EXPIRED) {
                throw new ProblemException(410, "Gone", "The report expired; request it again while its period "
                        + "is within the last 90 days", List.of());
            }
            if (found.job().status() != JobStatus.COMPLETED) {
                throw ProblemException.notFound("Export " + id + " is " + found.job().status().name().toLowerCase(
                        java.util.Locale.ROOT) + ", not completed");
            }
            return found;
        });
    }
}
