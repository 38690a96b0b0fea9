package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.maintenance.RetentionPurge;
import io.auditlog.export.repository.JobRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ExportReportsTest {

    @Inject
    AgroalDataSource database;

    @Inject
    RetentionPurge retention;

    @Inject
    ExportConfig config;

    @Test
    void anAuditLogReportHasEveryMatchingEventSplitIntoCompleteFiles() throws Exception {
        String account = Audit.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> login = Audit.event("login-" + i, 600 - i, "LOGIN",
                    i % 2 == 0 ? "LOGIN_FAILED" : "LOGIN_SUCCEEDED", "LOGIN");
            // Cells with quotes, commas and line breaks: files must still be cut only between whole records.
            login.put("actor", Map.of("id", "u-" + i, "name", "Ann \"The\" Lee,\r\nline " + i, "type", "USER"));
            events.add(login);
        }
        events.add(Audit.event("delete-1", 30, "CRM_OBJECT", "CONTACT", "DELETE"));
        Audit.record(account, events);

        String id = Exports.start(account, Map.of("type", "audit-log", "filters", Map.of("category", "LOGIN")));
        JsonPath job = Exports.await(account, id, "COMPLETED");
        assertEquals(60, job.getLong("rowsWritten"));
        List<Map<String, Object>> listed = job.getList("files");
        assertTrue(listed.size() > 2, "2 KB files: the report is split, more than once");

        List<String> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int n = 1; n <= listed.size(); n++) {
            byte[] bytes = given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id + "/files/" + n)
                    .then().statusCode(200).extract().asByteArray();
            assertTrue(bytes.length <= config.maxFileBytes(), "file " + n + " takes " + bytes.length + " bytes, over the "
                    + config.maxFileBytes() + " limit");
            assertEquals(((Number) listed.get(n - 1).get("bytes")).longValue(), bytes.length, "the size listed");
            String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            texts.add(text);
            List<CSVRecord> file = org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(text))
                    .getRecords();
            assertEquals("Event ID", file.get(0).get(0), "every file starts with the header");
            assertEquals(((Number) listed.get(n - 1).get("rows")).longValue(), file.size() - 1, "the rows listed");
            file.stream().skip(1).forEach(r -> {
                ids.add(r.get(0));
                assertEquals("Ann \"The\" Lee,\r\nline " + r.get(0).substring(6), r.get(7), "cell intact");
            });
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            expected.add("login-" + i);
        }
        assertEquals(expected, ids, "every login once, oldest first, nothing else: files end between whole records");
        // Each file but the last is as full as the limit allows: the next file's first record did not fit in it.
        for (int n = 1; n < texts.size(); n++) {
            int firstRecord = firstRecordLength(texts.get(n));
            assertTrue(texts.get(n - 1).length() + firstRecord > config.maxFileBytes(),
                    "file " + n + " was cut early: " + texts.get(n - 1).length() + " + " + firstRecord + " bytes fit");
        }
    }

    /** The length of a file's first record after its header (the test data is ASCII, so characters are bytes). */
    private static int firstRecordLength(String file) throws java.io.IOException {
        List<CSVRecord> records = org.apache.commons.csv.CSVFormat.RFC4180.parse(new java.io.StringReader(file))
                .getRecords();
        long start = records.get(1).getCharacterPosition();
        long end = records.size() > 2 ? records.get(2).getCharacterPosition() : file.length();
        return (int) (end - start);
    }

    @Test
    void theRequestIsInTheAuditLogAndCompletionLeavesAReadyRecord() throws Exception {
        String account = Audit.newAccount();
        Audit.record(account, List.of(Audit.event("x", 5, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN")));
        String id = Exports.start(account, Map.of("type", "audit-log", "viewId", "login-history",
                "filters", Map.of("actor", List.of("u-1", "u-2"))));
        JsonNode recorded = Audit.get(account, "export-" + id);
        assertNotNull(recorded, "the export request is itself an audited action");
        assertEquals("EXPORT", recorded.get("category").asText());
        assertEquals("admin-" + account, recorded.at("/actor/id").asText());
        assertEquals("/api/v1/exports/" + id, recorded.at("/details/download").asText());
        // The filters as the job keeps them, so the report can be asked for again from its entry.
        assertEquals("[\"u-1\",\"u-2\"]", recorded.at("/details/filters/actor").toString());
        assertEquals("[\"login-history\"]", recorded.at("/details/filters/view").toString());

        Exports.await(account, id, "COMPLETED");
        try (Connection c = database.getConnection();
                PreparedStatement ready = c.prepareStatement("SELECT account_id, requester_email FROM export.export_ready WHERE job_id = ?")) {
            ready.setObject(1, UUID.fromString(id));
            ResultSet rs = ready.executeQuery();
            assertTrue(rs.next(), "a durable export-ready record for the notification-service");
            assertEquals(account, rs.getString(1));
            assertEquals("admin@" + account + ".example", rs.getString(2));
        }
        // Neither the check of the report's filters (the requester's token, check=true: nothing read) nor its stream
        // (this service's client) is a person's read of the log: the one AUDIT_LOG record is the entry opened above.
        JsonPath logReads = given().auth().oauth2(Audit.admin(account)).queryParam("category", "AUDIT_LOG")
                .get(Audit.url() + "/api/v1/events").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("VIEWED"), logReads.getList("items.action"));
    }

    @Test
    void theContentLogReportHasTheProductColumns() throws Exception {
        String account = Audit.newAccount();
        Map<String, Object> created = Audit.event("c-1", 20, "CONTENT", "ITEM", "CREATE");
        created.put("object", Map.of("type", "FILE", "id", "f-1", "name", "a.pdf", "path", "/a.pdf", "itemType", "FILE"));
        created.put("context", Map.of("ip", "192.0.2.1"));
        Audit.record(account, List.of(created, Audit.event("l-1", 10, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN")));
        String id = Exports.start(account, Map.of("type", "content-log"));
        Exports.await(account, id, "COMPLETED");
        List<List<CSVRecord>> files = Exports.csvFiles(account, id);
        assertEquals(List.of("Action", "Date", "User name", "User email", "Path", "Item name", "Item ID", "Item type",
                "IP address", "Created", "Last modified", "Password protected", "Shared link", "Permission",
                "Collaborator email"), files.get(0).get(0).toList());
        assertEquals(List.of("Created", "Ann Lee", "/a.pdf", "f-1", "192.0.2.1"),
                List.of(files.get(0).get(1).get(0), files.get(0).get(1).get(2), files.get(0).get(1).get(4),
                        files.get(0).get(1).get(6), files.get(0).get(1).get(8)));
        assertEquals(2, files.get(0).size(), "only content events");
    }

    @Test
    void theStaffAccessReportCoversTheLast90DaysOfStaffLogins() throws Exception {
        String account = Audit.newAccount();
        Map<String, Object> staff = Audit.event("s-1", 60 * 24 * 80, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN");
        staff.put("actor", Map.of("id", "st-1", "name", "Sam", "email", "sam@vendor.example", "type", "STAFF",
                "department", "ENGINEERING"));
        Audit.record(account, List.of(staff, Audit.event("u-1", 5, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN")));
        String id = Exports.start(account, Map.of("type", "staff-access"));
        JsonPath job = Exports.await(account, id, "COMPLETED");
        List<CSVRecord> rows = Exports.csvFiles(account, id).get(0);
        assertEquals(2, rows.size());
        assertEquals("ENGINEERING", rows.get(1).get(4));
        assertTrue(Instant.parse(job.getString("from")).isBefore(Instant.now().minusSeconds(89L * 24 * 3600)));
    }

    @Test
    void thePeriodIsEnteredInTheAdminsTimeZoneAndShownInUtc() throws Exception {
        String account = Audit.newAccount();
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Kolkata")).minusDays(3);
        String id = Exports.start(account, Map.of("type", "audit-log", "timeZone", "Asia/Kolkata",
                "from", day.toString(), "to", day.plusDays(1) + "T12:30"));
        JsonPath job = Exports.job(account, id);
        assertEquals(day.atStartOfDay(ZoneId.of("Asia/Kolkata")).toInstant(), Instant.parse(job.getString("from")));
        assertEquals(day.plusDays(1).atTime(7, 0).toInstant(java.time.ZoneOffset.UTC),
                Instant.parse(job.getString("to")), "12:30 in India is 07:00 UTC");
        assertEquals("Asia/Kolkata", job.getString("timeZone"));
    }

    @Test
    void anExpiredReportIsPurgedAndCanBeGeneratedAgain() throws Exception {
        String account = Audit.newAccount();
        Audit.record(account, List.of(Audit.event("e-1", 5, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN")));
        // Filtered to logins: the first request's own EXPORT entry would otherwise be in the second report.
        Map<String, Object> period = Map.of("type", "audit-log", "filters", Map.of("category", List.of("LOGIN")));
        String id = Exports.start(account, period);
        JsonPath completed = Exports.await(account, id, "COMPLETED");
        assertEquals(Duration.ofDays(7), config.retention(), "the default retention (no test override)");
        assertEquals(Instant.parse(completed.getString("completedAt")).plus(Duration.ofDays(7)),
                Instant.parse(completed.getString("expiresAt")), "a report expires 7 days after its completion");
        try (Connection c = database.getConnection();
                PreparedStatement age = c.prepareStatement("UPDATE export.job SET expires_at = now() - interval '1 minute' WHERE id = ?")) {
            age.setObject(1, UUID.fromString(id));
            age.executeUpdate();
        }
        JobRepository.Expired expired = retention.purge().await().atMost(Duration.ofSeconds(30));
        assertTrue(expired.reports() >= 1 && expired.files() >= 1, "the purge removed the report's file: " + expired);
        try (Connection c = database.getConnection();
                PreparedStatement status = c.prepareStatement("SELECT status FROM export.job WHERE id = ?")) {
            status.setObject(1, UUID.fromString(id));
            ResultSet rs = status.executeQuery();
            assertTrue(rs.next());
            assertEquals("EXPIRED", rs.getString(1), "marked expired in the table by the purge");
        }
        JsonPath gone = Exports.job(account, id);
        assertEquals("EXPIRED", gone.getString("status"));
        assertEquals(List.of(), gone.getList("files"));
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id + "/files/1").then().statusCode(410)
                .contentType("application/problem+json");
        try (Connection c = database.getConnection();
                PreparedStatement files = c.prepareStatement("SELECT count(*) FROM export.file WHERE job_id = ?")) {
            files.setObject(1, UUID.fromString(id));
            ResultSet rs = files.executeQuery();
            rs.next();
            assertEquals(0, rs.getInt(1), "the files are gone");
        }
        String again = Exports.start(account, period);
        Exports.await(account, again, "COMPLETED");
        assertEquals(2, Exports.csvFiles(account, again).get(0).size());
    }

    /**
     * Expiry is a moment, not the purge's next round: once expiresAt has passed, the report is EXPIRED (status,
     * list) and its files answer 410, although the purge has not run and the files are still stored.
     */
    @Test
    void aReportPastItsExpiryIsGoneBeforeThePurgeRuns() throws Exception {
        String account = Audit.newAccount();
        Audit.record(account, List.of(Audit.event("x-1", 5, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN")));
        String id = Exports.start(account, Map.of("type", "audit-log"));
        Exports.await(account, id, "COMPLETED");
        Exports.file(account, id, 1);
        try (Connection c = database.getConnection(); PreparedStatement age = c.prepareStatement(
                "UPDATE export.job SET expires_at = now() - interval '1 second' WHERE id = ? AND status = 'COMPLETED'")) {
            age.setObject(1, UUID.fromString(id));
            assertEquals(1, age.executeUpdate(), "still COMPLETED in the table: the purge has not run");
        }

        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id + "/files/1").then().statusCode(410)
                .contentType("application/problem+json");
        JsonPath job = Exports.job(account, id);
        assertEquals("EXPIRED", job.getString("status"));
        assertEquals(List.of(), job.getList("files"), "no download links to a report that is gone");
        assertEquals(List.of("EXPIRED"), given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports").then()
                .statusCode(200).extract().jsonPath().getList("items.status", String.class));
    }

    @Test
    void aDeletedReportIsGoneAndTheListShowsTheAccountsJobsOnly() throws Exception {
        String account = Audit.newAccount();
        String first = Exports.start(account, Map.of("type", "audit-log"));
        String second = Exports.start(account, Map.of("type", "staff-access"));
        Exports.start(Audit.newAccount(), Map.of("type", "audit-log"));
        List<String> listed = given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        assertEquals(List.of(second, first), listed);
        given().auth().oauth2(Audit.admin(account)).delete("/api/v1/exports/" + first).then().statusCode(204);
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + first).then().statusCode(404);
        Set<String> rest = new HashSet<>(given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports").then()
                .extract().jsonPath().getList("items.id", String.class));
        assertEquals(Set.of(second), rest);
    }

    static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
