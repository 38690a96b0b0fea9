package io.auditlog.export.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.export.domain.ExportCursor;
import io.auditlog.export.domain.ExportFile;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.domain.ExportJob;
import io.auditlog.export.domain.ExportType;
import io.auditlog.export.domain.JobStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Jobs as the API reads and writes them (reactive client); always scoped to one account. Writes that belong to a
 * transaction take the caller's connection (the service opens the transaction); single-statement reads and deletes
 * run on the pool. The callers bound every call in time.
 */
@ApplicationScoped
public class JobRepository {

    private static final String COLUMNS = "id, account_id, requested_by, requester_email, type, format, query, from_ts, "
            + "to_ts, time_zone, status, attempt, rows_written, files_written, failure, created_at, started_at, "
            + "completed_at, expires_at";

    private final Pool pool;

    JobRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a queued job and rings the workers' doorbell (delivered when the caller's transaction commits). */
    public Uni<Void> insert(SqlConnection connection, ExportJob job) {
        return connection.preparedQuery("""
                INSERT INTO export.job (id, account_id, requested_by, requester_email, type, format, query, from_ts,
                                        to_ts, time_zone, status)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'QUEUED')""")
                .execute(Tuple.tuple(Arrays.asList(job.id(), job.accountId(), job.requestedBy(),
                        job.requesterEmail(), job.type().name(), job.format().name(),
                        new JsonObject(new LinkedHashMap<>(job.query())), utc(job.from()), utc(job.to()), job.timeZone())))
                .call(() -> connection.query("NOTIFY export_jobs").execute())
                .replaceWithVoid();
    }

    public Uni<ExportJob> find(String accountId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM export.job WHERE account_id = $1 AND id = $2")
                .execute(Tuple.of(accountId, id))
                .map(rows -> rows.iterator().hasNext() ? toJob(rows.iterator().next()) : null);
    }

    /**
     * The account's jobs, newest first, after {@code cursor} when given. Keyset on (created_at, id): jobs created
     * in the same microsecond are ordered by id, so a page boundary between them neither skips nor repeats one.
     */
    public Uni<List<ExportJob>> list(String accountId, ExportCursor cursor, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM export.job WHERE account_id = $1"
                + (cursor == null ? "" : " AND (created_at, id) < ($3, $4)")
                + " ORDER BY created_at DESC, id DESC LIMIT $2";
        Tuple params = cursor == null ? Tuple.of(accountId, limit)
                : Tuple.of(accountId, limit, utc(cursor.createdAt()), cursor.id());
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<ExportJob> jobs = new ArrayList<>();
            rows.forEach(row -> jobs.add(toJob(row)));
            return jobs;
        });
    }

    /** Deletes a job with its files; false when the account has no such job. */
    public Uni<Boolean> delete(String accountId, UUID id) {
        return pool.preparedQuery("DELETE FROM export.job WHERE account_id = $1 AND id = $2")
                .execute(Tuple.of(accountId, id)).map(result -> result.rowCount() > 0);
    }

    /**
     * The files of a job's finished attempt, the data files (numbered from 1) first, then its signed manifest and
     * proof when it has them ({@link ExportFile#MANIFEST}, {@link ExportFile#PROOF}).
     */
    public Uni<List<ExportFile>> files(UUID job, int attempt) {
        return pool.preparedQuery("SELECT file_no, name, rows, bytes, chunks FROM export.file"
                + " WHERE job_id = $1 AND attempt = $2 ORDER BY file_no <= 0, file_no")
                .execute(Tuple.of(job, attempt)).map(rows -> {
                    List<ExportFile> files = new ArrayList<>();
                    rows.forEach(r -> files.add(file(r)));
                    return files;
                });
    }

    /** The signed manifests and proofs of these jobs' current attempts, by job (for a page of the list). */
    public Uni<Map<UUID, List<ExportFile>>> manifests(List<UUID> jobs) {
        return pool.preparedQuery("SELECT f.job_id, f.file_no, f.name, f.rows, f.bytes, f.chunks FROM export.file f"
                + " JOIN export.job j ON j.id = f.job_id AND j.attempt = f.attempt"
                + " WHERE f.job_id = ANY($1) AND f.file_no <= 0")
                .execute(Tuple.of(jobs.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, List<ExportFile>> found = new LinkedHashMap<>();
                    rows.forEach(r -> found.computeIfAbsent(r.getUUID("job_id"), k -> new ArrayList<>()).add(file(r)));
                    return found;
                });
    }

    private static ExportFile file(Row r) {
        return new ExportFile(r.getInteger("file_no"), r.getString("name"), r.getLong("rows"), r.getLong("bytes"),
                r.getInteger("chunks"));
    }

    /** Removed by the retention purge: how many reports expired and how many of their files were deleted. */
    public record Expired(long reports, long files) {
    }

    /**
     * Marks completed reports past their expiry as expired and deletes their files (the chunks go with them), in
     * one statement: a report is never expired with its files left, nor the other way round.
     */
    public Uni<Expired> expireCompleted() {
        return pool.query("""
                WITH expired AS (
                    UPDATE export.job SET status = 'EXPIRED'
                     WHERE status = 'COMPLETED' AND expires_at <= now()
                    RETURNING id),
                removed AS (
                    DELETE FROM export.file f USING expired e WHERE f.job_id = e.id RETURNING 1)
                SELECT (SELECT count(*) FROM expired) AS reports, (SELECT count(*) FROM removed) AS files""")
                .execute().map(rows -> {
                    Row row = rows.iterator().next();
                    return new Expired(row.getLong("reports"), row.getLong("files"));
                });
    }

    /**
     * How many jobs of all accounts are in each state, as the API shows them: a completed report past its expiry
     * counts as expired before the purge has marked it.
     */
    public Uni<Map<JobStatus, Long>> countByStatus() {
        return pool.query("""
                SELECT CASE WHEN status = 'COMPLETED' AND expires_at <= now() THEN 'EXPIRED' ELSE status END AS state,
                       count(*) AS jobs
                  FROM export.job GROUP BY 1""")
                .execute().map(rows -> {
                    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
                    for (JobStatus status : JobStatus.values()) {
                        counts.put(status, 0L);
                    }
                    rows.forEach(row -> counts.put(JobStatus.valueOf(row.getString("state")), row.getLong("jobs")));
                    return counts;
                });
    }

    private static ExportJob toJob(Row row) {
        String email = row.getString("requester_email");
        return new ExportJob(row.getUUID("id"), row.getString("account_id"), row.getString("requested_by"),
                email == null || email.isEmpty() ? null : email, ExportType.valueOf(row.getString("type")),
                ExportFormat.valueOf(row.getString("format")), query(row.getJsonObject("query")),
                instant(row, "from_ts"), instant(row, "to_ts"), row.getString("time_zone"),
                JobStatus.valueOf(row.getString("status")), row.getInteger("attempt"), row.getLong("rows_written"),
                row.getInteger("files_written"), row.getString("failure"), instant(row, "created_at"),
                instant(row, "started_at"), instant(row, "completed_at"), instant(row, "expires_at"));
    }

    static Map<String, List<String>> query(JsonObject json) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String key : json.fieldNames()) {
            JsonArray values = json.getJsonArray(key);
            List<String> list = new ArrayList<>();
            values.forEach(v -> list.add(String.valueOf(v)));
            query.put(key, list);
        }
        return query;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
