package io.auditlog.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.domain.ExportType;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.export.worker.ClaimedJob;
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

    @Test
    void aJobWhoseWorkerDiedIsFinishedByAnotherWithACompleteFileOnce() throws Exception {
        String account = Audit.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(Audit.event("e-" + i, 100 - i, "SECURITY", "PASSWORD", "UPDATE"));
        }
        Audit.record(account, events);
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

        ClaimedJob zombie = new ClaimedJob(job, 1, account, ExportType.AUDIT_LOG, ExportFormat.CSV, Map.of(), from, to);
        assertFalse(claims.progress(zombie, 1, 1), "the dead attempt cannot report progress");
        assertFalse(claims.complete(zombie, 1, 1, Instant.now()), "nor complete the job");
        assertEquals(40, Exports.job(account, job.toString()).getLong("rowsWritten"));
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

    private long count(String sql, UUID job) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, job);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
