package io.auditlog.export.worker;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.auditlog.common.work.Doorbells;
import io.auditlog.export.client.AuditServiceClients;
import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.domain.ClaimedJob;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.domain.ExportType;
import io.auditlog.export.metrics.ExportMetrics;
import io.auditlog.export.storage.ReportStore;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.CuttingUpstream;
import io.auditlog.export.support.CuttingUpstream.Cut;
import io.auditlog.export.support.Exports;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A report stream that ends without its proper end must fail the attempt, never complete the job: a worker of this
 * service's own kind reads the report through {@link CuttingUpstream}, which hands on the real audit-service's
 * stream only in part. The job must then still be open with no file visible, and the next attempt (the service's
 * own worker, reading the whole stream) must produce every row once.
 */
@QuarkusTest
class TruncatedStreamTest {

    private static CuttingUpstream upstream;

    @Inject
    AgroalDataSource database;

    @Inject
    JobClaims claims;

    @Inject
    ReportStore store;

    @Inject
    ExportConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Doorbells doorbells;

    @Inject
    ExportWorker worker;

    @Inject
    ExportMetrics metrics;

    @Inject
    ReportManifests manifests;

    @AfterAll
    static void stopUpstream() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Cut.class)
    void aCutCsvStreamFailsTheAttemptAndTheNextOneWritesEveryRowOnce(Cut cut) throws Exception {
        String account = Audit.newAccount();
        List<String> expected = recordEvents(account);
        UUID job = runCut(account, ExportFormat.CSV, cut);

        List<String> ids = new ArrayList<>();
        for (List<CSVRecord> file : Exports.csvFiles(account, job.toString())) {
            assertEquals("Event ID", file.get(0).get(0), "each file starts with the header");
            file.stream().skip(1).forEach(r -> ids.add(r.get(0)));
        }
        assertEquals(expected, ids, "every row once, in order, nothing of the cut attempt");
    }

    @ParameterizedTest
    @EnumSource(value = Cut.class, names = { "CLEAN_END_INSIDE_A_RECORD", "CLOSE_DELIMITED_AFTER_A_RECORD" })
    void aCutNdjsonStreamFailsTheAttemptToo(Cut cut) throws Exception {
        String account = Audit.newAccount();
        List<String> expected = recordEvents(account);
        UUID job = runCut(account, ExportFormat.NDJSON, cut);

        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= Exports.job(account, job.toString()).getList("files").size(); n++) {
            for (String line : Exports.file(account, job.toString(), n).split("\n")) {
                ids.add(json.readTree(line).get("id").asText());
            }
        }
        assertEquals(expected, ids);
    }

    /**
     * Runs attempt 1 of a new job through the cutting server and checks that it did not complete; then lets the
     * service's worker take the job over. Answers the job once it has completed.
     */
    private UUID runCut(String account, ExportFormat format, Cut cut) throws Exception {
        if (upstream == null) {
            upstream = new CuttingUpstream(config.audit().url());
        }
        upstream.cut(cut);
        UUID job = UUID.randomUUID();
        Instant from = Instant.now().minus(1, ChronoUnit.DAYS);
        Instant to = Instant.now();
        insertRunningJob(job, account, format, from, to);
        int servedBefore = upstream.served();

        ExportWorker cutOff = new ExportWorker(claims, store,
                AuditServiceClients.pointedAt(upstream.url(), config, json), config, doorbells, metrics, manifests);
        try {
            cutOff.run(new ClaimedJob(job, 1, account, ExportType.AUDIT_LOG, format, Map.of(), from, to, "UTC"));
        } finally {
            cutOff.stop(null);
        }
        assertEquals(servedBefore + 1, upstream.served(), "the attempt read the cut stream");

        JsonPath seen = Exports.job(account, job.toString());
        assertEquals("RUNNING", seen.getString("status"), cut + ": a cut stream must not complete the job");
        assertEquals(List.of(), seen.getList("files"), "no file of the cut attempt is offered");
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + job + "/files/1").then().statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM export.export_ready WHERE job_id = ?", job), "nobody is told");

        execute("UPDATE export.job SET heartbeat_at = now() - interval '1 hour' WHERE id = ?", job);
        worker.wake();
        Exports.await(account, job.toString(), "COMPLETED");
        assertEquals(2, count("SELECT attempt FROM export.job WHERE id = ?", job), "completed by the next attempt");
        assertEquals(0, count("SELECT count(*) FROM export.file WHERE job_id = ? AND attempt = 1", job),
                "nothing of the cut attempt is left");
        return job;
    }

    /** Records forty events in the account; answers their ids, oldest first (no line breaks in any cell). */
    private static List<String> recordEvents(String account) throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(Audit.event("t-" + i, 100 - i, "SECURITY", "PASSWORD", "UPDATE"));
            ids.add("t-" + i);
        }
        Audit.record(account, events);
        return ids;
    }

    /** A job claimed as attempt 1 with a heartbeat far ahead, so that the service's own worker leaves it alone. */
    private void insertRunningJob(UUID job, String account, ExportFormat format, Instant from, Instant to)
            throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO export.job (id, account_id, requested_by, type, format, query, from_ts, to_ts, time_zone,
                                        status, attempt, rows_written, files_written, started_at, heartbeat_at)
                VALUES (?, ?, 'u-1', 'AUDIT_LOG', ?, '{}', ?, ?, 'UTC', 'RUNNING', 1, 0, 0, now(),
                        now() + interval '1 hour')""")) {
            insert.setObject(1, job);
            insert.setString(2, account);
            insert.setString(3, format.name());
            insert.setObject(4, from.atOffset(ZoneOffset.UTC));
            insert.setObject(5, to.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private void execute(String sql, UUID job) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, job);
            s.executeUpdate();
        }
    }

    private long count(String sql, UUID job) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, job);
            ResultSet rs = s.executeQuery();
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
