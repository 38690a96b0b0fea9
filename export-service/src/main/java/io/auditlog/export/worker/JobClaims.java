package io.auditlog.export.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.auditlog.export.domain.ClaimedJob;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.domain.ExportType;

/**
 * The worker's side of the job table: a named JDBC worker class (blocking, on the worker's own thread, where the
 * report stream is read blocking too). Every change is one short transaction, and every change after the claim is
 * fenced by the attempt number: a worker that was presumed dead and then wakes up can no longer touch the job.
 */
@ApplicationScoped
public class JobClaims {

    /**
     * Takes the oldest job that is queued, or running under a worker whose heartbeat stopped. SKIP LOCKED lets
     * replicas claim different jobs at the same time without waiting on each other.
     */
    private static final String CLAIM = """
            UPDATE export.job SET status = 'RUNNING', attempt = attempt + 1, started_at = now(), heartbeat_at = now(),
                                  rows_written = 0, files_written = 0
             WHERE id = (SELECT id FROM export.job
                          WHERE status = 'QUEUED' OR (status = 'RUNNING' AND heartbeat_at < now() - ?::interval)
                          ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING id, attempt, account_id, type, format, query::text, from_ts, to_ts, time_zone""";

    private static final TypeReference<java.util.Map<String, java.util.List<String>>> QUERY = new TypeReference<>() {
    };

    private final AgroalDataSource jdbc;
    private final ObjectMapper json;

    JobClaims(AgroalDataSource jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<ClaimedJob> claim(Duration staleAfter) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement claim = c.prepareStatement(CLAIM)) {
            claim.setString(1, interval(staleAfter));
            try (ResultSet rs = claim.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ClaimedJob(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        ExportType.valueOf(rs.getString(4)), ExportFormat.valueOf(rs.getString(5)),
                        json.readValue(rs.getString(6), QUERY), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant(), rs.getString(9)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("Unreadable job query", e);
            }
        }
    }

    /** Records progress and proves the worker alive; false when the job is no longer this attempt's. */
    public boolean progress(ClaimedJob job, long rows, int files) throws SQLException {
        return update("UPDATE export.job SET rows_written = ?, files_written = ?, heartbeat_at = now()"
                + " WHERE id = ? AND attempt = ? AND status = 'RUNNING'", rows, files, job.id(), job.attempt()) == 1;
    }

    /**
     * Completes the job, records the durable "export ready" record and rings export_ready, all in one
     * transaction; false when another attempt owns the job (or it was deleted) and this result must be dropped.
     * The report expires {@code retention} after its completion, both stamped by the database's clock in the same
     * statement, so {@code expiresAt - completedAt} is exactly the retention.
     */
    public boolean complete(ClaimedJob job, long rows, int files, Duration retention) throws SQLException {
        return complete(job, rows, files, retention, null);
    }

    /**
     * {@link #complete(ClaimedJob, long, int, Duration)} at {@code completedAt}, the time the report's signed
     * manifest states (null: the database's clock), so the manifest and the job say the same.
     */
    public boolean complete(ClaimedJob job, long rows, int files, Duration retention, Instant completedAt)
            throws SQLException {
        try (Connection c = jdbc.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement done = c.prepareStatement("UPDATE export.job SET status = 'COMPLETED',"
                    + " rows_written = ?, files_written = ?, completed_at = coalesce(?, now()),"
                    + " expires_at = coalesce(?, now()) + ?::interval,"
                    + " failure = NULL WHERE id = ? AND attempt = ? AND status = 'RUNNING'");
                    PreparedStatement ready = c.prepareStatement("INSERT INTO export.export_ready"
                            + " (job_id, account_id, requested_by, requester_email)"
                            + " SELECT id, account_id, requested_by, requester_email FROM export.job WHERE id = ?"
                            + " ON CONFLICT (job_id) DO NOTHING");
                    Statement notify = c.createStatement()) {
                OffsetDateTime at = completedAt == null ? null : completedAt.atOffset(ZoneOffset.UTC);
                done.setLong(1, rows);
                done.setInt(2, files);
                done.setObject(3, at, Types.TIMESTAMP_WITH_TIMEZONE);
                done.setObject(4, at, Types.TIMESTAMP_WITH_TIMEZONE);
                done.setString(5, interval(retention));
                done.setObject(6, job.id());
                done.setInt(7, job.attempt());
                if (done.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
                ready.setObject(1, job.id());
                ready.executeUpdate();
                notify.execute("NOTIFY export_ready");
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Ends the attempt with the reason shown to the admin. */
    public void fail(ClaimedJob job, String reason) throws SQLException {
        update("UPDATE export.job SET status = 'FAILED', failure = ?, completed_at = now()"
                + " WHERE id = ? AND attempt = ? AND status = 'RUNNING'", reason, job.id(), job.attempt());
    }

    private int update(String sql, Object... params) throws SQLException {
        try (Connection c = jdbc.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** A duration as a PostgreSQL interval literal (whole milliseconds, which every setting here is). */
    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }
}
