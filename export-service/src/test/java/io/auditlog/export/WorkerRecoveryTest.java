package io.auditlog.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.export.domain.ClaimedJob;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.domain.ExportType;
import io.auditlog.export.storage.PostgresReportStore;
import io.auditlog.export.storage.ReportStoreException;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.export.worker.ExportWorker;
import io.auditlog.export.worker.JobClaims;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A worker died mid-job: the job is RUNNING under attempt 1 with a stale heartbeat and half a file written. The
 * live worker takes it over and finishes it correctly; the dead attempt can no longer touch it.
 */
@QuarkusTest
class WorkerRecoveryTest {

    @Inject
    AgroalDataSource database;

    @Inject
    ExportWorker worker;

    @Inject
    JobClaims claims;

    @Inject
    PostgresReportStore store;

    @Test
    void aJobWhoseWorkerDiedIsFinishedByAnotherWithACompleteFileOnce() throws Exception {
        String account = Audit.newAccount();
        List<Map<String, Object>> events = recordFortyEvents(account, "e-");
        UUID job = UUID.randomUUID();
        Instant from = Instant.now().minus(1, ChronoUnit.DAYS);
        Instant to = Instant.now();
        leaveBehindADeadAttempt(job, account, from, to);

        worker.wake();
        Exports.await(account, job.toString(), "COMPLETED");

        List<String> ids = new ArrayList<>();
        for (List<CSVRecord> file : Exports.csvFiles(account, job.toString())) {
            file.stream().skip(1).forEach(r -> ids.add(r.get(0)));
        }
        List<String> expected = events.stream().map(e -> (String) e.get("id")).toList();
        assertEquals(expected, ids, "complete, in order, nothing twice, nothing of the dead attempt");
        assertEquals(0, count("SELECT count(*) FROM export.file WHERE job_id = ? AND attempt = 1", job),
                "the dead attempt's partial file is gone");

        ClaimedJob zombie = new ClaimedJob(job, 1, account, ExportType.AUDIT_LOG, ExportFormat.CSV, Map.of(), from, to, "UTC");
        assertFalse(claims.progress(zombie, 1, 1), "the dead attempt cannot report progress");
        assertFalse(claims.complete(zombie, 1, 1, java.time.Duration.ofDays(7)), "nor complete the job");
        assertEquals(40, Exports.job(account, job.toString()).getLong("rowsWritten"));
    }

    /**
     * The database refuses a chunk in the middle of a report (a trigger raises, as a full disk or a failover would):
     * the attempt is abandoned, not the job; the job is claimed again and completes with every row once.
     */
    @Test
    void aStorageFailureMidReportIsRetriedNotFailed() throws Exception {
        String account = Audit.newAccount();
        List<Map<String, Object>> events = recordFortyEvents(account, "s-");
        String fault = "refuse_chunk_" + account.replaceAll("[^a-zA-Z0-9]", "_");
        execute("CREATE FUNCTION export." + fault + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'disk full (test fault)'; END $$");
        execute("CREATE TRIGGER " + fault + " BEFORE INSERT ON export.file_chunk FOR EACH ROW"
                + " WHEN (NEW.attempt = 1 AND NEW.chunk_no = 2) EXECUTE FUNCTION export." + fault + "()");
        try {
            String id = Exports.start(account, Map.of("type", "audit-log"));
            Exports.await(account, id, "COMPLETED");
            List<String> ids = new ArrayList<>();
            for (List<CSVRecord> file : Exports.csvFiles(account, id)) {
                file.stream().skip(1).forEach(r -> ids.add(r.get(0)));
            }
            assertEquals(events.stream().map(e -> (String) e.get("id")).toList(), ids);
            assertEquals(2, count("SELECT attempt FROM export.job WHERE id = ?", UUID.fromString(id)),
                    "the first attempt failed on the refused chunk, the second completed");
        } finally {
            execute("DROP TRIGGER " + fault + " ON export.file_chunk");
            execute("DROP FUNCTION export." + fault + "()");
        }
    }

    /**
     * Chunks commit without waiting for their WAL flush, so a server crash can lose the last few; the file's
     * synchronous finish must then fail the attempt rather than complete a file with a hole.
     */
    @Test
    void aFileWithAMissingChunkIsNeverFinished() throws Exception {
        UUID job = UUID.randomUUID();
        try (Connection c = database.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO export.job (id, account_id, requested_by, type, format, query, from_ts, to_ts, time_zone,
                                        status, attempt, rows_written, files_written, started_at, heartbeat_at)
                VALUES (?, ?, 'u-live', 'AUDIT_LOG', 'CSV', '{}', now() - interval '1 day', now(), 'UTC', 'RUNNING', 1,
                        0, 0, now(), now() + interval '1 hour')""")) {
            insert.setObject(1, job);
            insert.setString(2, Audit.newAccount());
            insert.executeUpdate();
        }
        store.createFile(job, 1, 1, "report.csv");
        store.appendChunk(job, 1, 1, 0, "Event ID\r\n".getBytes());
        store.appendChunk(job, 1, 1, 1, "e-1\r\n".getBytes());
        store.appendChunk(job, 1, 1, 2, "e-2\r\n".getBytes());
        try (Connection c = database.getConnection();
                PreparedStatement lose = c.prepareStatement("DELETE FROM export.file_chunk WHERE job_id = ? AND chunk_no = 1")) {
            lose.setObject(1, job);
            lose.executeUpdate();
        }
        assertThrows(ReportStoreException.class, () -> store.finishFile(job, 1, 1, 2, 18, 3));
        assertEquals(0, count("SELECT count(*) FROM export.file WHERE job_id = ? AND chunks > 0", job));
        store.appendChunk(job, 1, 1, 1, "e-1\r\n".getBytes());
        store.finishFile(job, 1, 1, 2, 18, 3);
        assertEquals(1, count("SELECT count(*) FROM export.file WHERE job_id = ? AND chunks = 3", job));
        try (Connection c = database.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM export.job WHERE id = ?")) {
            delete.setObject(1, job);
            delete.executeUpdate();
        }
    }

    private void leaveBehindADeadAttempt(UUID job, String account, Instant from, Instant to) throws Exception {
        try (Connection c = database.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO export.job (id, account_id, requested_by, type, format, query, from_ts, to_ts, time_zone,
                                            status, attempt, rows_written, files_written, started_at, heartbeat_at)
                    VALUES (?, ?, 'u-dead', 'AUDIT_LOG', 'CSV', '{}', ?, ?, 'UTC', 'RUNNING', 1, 17, 1,
                            now() - interval '1 hour', now() - interval '1 hour')""")) {
                insert.setObject(1, job);
                insert.setString(2, account);
                insert.setObject(3, from.atOffset(java.time.ZoneOffset.UTC));
                insert.setObject(4, to.atOffset(java.time.ZoneOffset.UTC));
                insert.executeUpdate();
            }
            try (PreparedStatement file = c.prepareStatement(
                    "INSERT INTO export.file (job_id, attempt, file_no, name) VALUES (?, 1, 1, 'half.csv')");
                    PreparedStatement chunk = c.prepareStatement(
                            "INSERT INTO export.file_chunk (job_id, attempt, file_no, chunk_no, data) VALUES (?, 1, 1, 0, ?)")) {
                file.setObject(1, job);
                file.executeUpdate();
                chunk.setObject(1, job);
                chunk.setBytes(2, "Event ID,Date\r\ne-0,2026-".getBytes());
                chunk.executeUpdate();
            }
        }
    }

    /** Forty password changes, minutes apart, recorded in the account; answers them in time order. */
    private static List<Map<String, Object>> recordFortyEvents(String account, String idPrefix) throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(Audit.event(idPrefix + i, 100 - i, "SECURITY", "PASSWORD", "UPDATE"));
        }
        Audit.record(account, events);
        return events;
    }

    private void execute(String sql) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }

    private long count(String sql, UUID job) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, job);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
