package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class EventExportResourceTest {

    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private String account;
    /** The occurredAt of each event recorded, by id, as sent. */
    private final Map<String, String> sentTimes = new HashMap<>();

    @BeforeEach
    void recordLog() {
        account = Events.newAccount();
        Map<String, Object> tricky = Events.login("tricky", 50, false);
        tricky.put("actor", Events.actor("u-x", "x@example.com", "=HYPERLINK(\"http://evil\"), \"quoted\"", List.of("a", "b")));
        Map<String, Object> staff = Events.login("staff", 45, true);
        Map<String, Object> staffActor = Events.actor("s-1", "sam@vendor.example", "Sam Staff", List.of());
        staffActor.put("type", "STAFF");
        staffActor.put("department", "CUSTOMER_SUPPORT");
        staff.put("actor", staffActor);
        Map<String, Object> read = Events.base("read", 40, "CONTENT", "READ");
        read.put("actor", Events.actor("u-9", "cy@example.com", "Cy Ng", List.of()));
        read.put("object", Map.of("type", "FILE", "id", "f-1", "name", "Q3 plan.pdf", "path", "/Plans/Q3 plan.pdf",
                "itemType", "FILE"));
        read.put("context", Map.of("ip", "192.0.2.4"));
        read.put("details", Map.of("created", "2026-01-02T03:04:05Z", "lastModified", "2026-02-03T04:05:06Z",
                "sharedLink", "should-not-show"));
        Map<String, Object> invite = Events.base("invite", 35, "CONTENT", "INVITATION_SENT");
        invite.put("actor", Events.actor("u-9", "cy@example.com", "Cy Ng", List.of()));
        invite.put("object", Map.of("type", "FOLDER", "id", "d-1", "name", "Plans", "path", "/Plans", "itemType", "FOLDER"));
        invite.put("context", Map.of("ip", "192.0.2.4"));
        invite.put("details", Map.of("permission", "EDIT", "collaboratorEmail", "guest@partner.example"));
        List<Map<String, Object>> events = List.of(tricky, staff, read, invite, Events.contentShared("share", 30),
                Events.contactDeleted("delete", 20));
        events.forEach(e -> sentTimes.put((String) e.get("id"), (String) e.get("occurredAt")));
        record(account, events);
    }

    /** A Date cell as the report writes it: UTC, to the microsecond. */
    private String reportTime(String id) {
        return REPORT_TIME.format(Instant.parse(sentTimes.get(id)));
    }

    @Test
    void theAuditLayoutIsRfc4180OldestFirstWithFormulasNeutralised() throws IOException {
        Response response = export(Tokens.admin(account), Map.of());
        response.then().statusCode(200).header("Content-Type", containsString("text/csv"))
                .header("Content-Disposition", containsString("audit-log-audit.csv"));
        List<CSVRecord> rows = parse(response.asString());
        assertEquals("Event ID", rows.get(0).get(0));
        assertEquals(List.of("tricky", "staff", "read", "invite", "share", "delete"),
                rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList());
        CSVRecord tricky = rows.get(1);
        assertEquals(reportTime("tricky"), tricky.get(1));
        assertEquals("'=HYPERLINK(\"http://evil\"), \"quoted\"", tricky.get(7), "formula prefixed, quotes kept");
        assertEquals("a;b", tricky.get(10));
        assertEquals("{\"before\": {\"lifecycle\": \"lead\"}}", rows.get(6).get(20), "details as stored (jsonb text)");
        assertEveryRecordEndsWithCrlf(response.asByteArray());
    }

    /**
     * The one formula neutraliser (audit.csv_safe, which COPY applies to every cell a producer sent), case by case:
     * a cell a spreadsheet would evaluate gets a leading apostrophe, any other stays exactly as recorded.
     */
    @Test
    void cellsASpreadsheetWouldEvaluateAreNeutralisedAndNoOthers() throws IOException {
        String[][] table = { { "=SUM(A1:A9)", "'=SUM(A1:A9)" }, { "+1", "'+1" }, { "-1", "'-1" },
                { "@cmd", "'@cmd" }, { "\tx", "'\tx" }, { "\r=1+1\n", "'\r=1+1\n" }, { "x=1", "x=1" },
                { " =x", " =x" }, { "'=x", "'=x" }, { "\n=x", "\n=x" }, { "Ann Lee", "Ann Lee" } };
        String cells = Events.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < table.length; i++) {
            Map<String, Object> event = Events.login("cell-" + i, 30 - i, true);
            event.put("actor", Events.actor("u-" + i, "u" + i + "@example.com", table[i][0], List.of()));
            events.add(event);
        }
        record(cells, events);
        byte[] body = export(Tokens.admin(cells), Map.of()).then().statusCode(200).extract().asByteArray();
        assertEveryRecordEndsWithCrlf(body);
        List<CSVRecord> rows = parse(new String(body, StandardCharsets.UTF_8));
        for (int i = 0; i < table.length; i++) {
            assertEquals("cell-" + i, rows.get(i + 1).get(0));
            assertEquals(table[i][1], rows.get(i + 1).get(7), "actor name " + table[i][0].replace("\t", "\\t")
                    .replace("\r", "\\r").replace("\n", "\\n"));
        }
    }

    /** Walks the bytes as a CSV reader does: every LF outside quotes ends a record and must follow a CR. */
    private static void assertEveryRecordEndsWithCrlf(byte[] body) {
        boolean quoted = false;
        int records = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '"') {
                quoted = !quoted; // a doubled quote inside a cell toggles twice
            } else if (body[i] == '\n' && !quoted) {
                assertTrue(i > 0 && body[i - 1] == '\r', "record " + (records + 1) + " ends with a bare LF at byte " + i);
                records++;
            } else if (body[i] == '\r' && !quoted) {
                assertTrue(i + 1 < body.length && body[i + 1] == '\n', "a bare CR outside quotes at byte " + i);
            }
        }
        assertTrue(records > 0 && !quoted && body[body.length - 1] == '\n', "the file ends with a whole record");
    }

    @Test
    void theContentLayoutHasTheReportColumnsAndLeavesInapplicableCellsEmpty() throws IOException {
        byte[] body = export(Tokens.admin(account), Map.of("layout", "content")).then().statusCode(200).extract()
                .asByteArray();
        assertEveryRecordEndsWithCrlf(body);
        List<CSVRecord> rows = parse(new String(body, StandardCharsets.UTF_8));
        assertEquals(List.of("Action", "Date", "User name", "User email", "Path", "Item name", "Item ID", "Item type",
                "IP address", "Created", "Last modified", "Password protected", "Shared link", "Permission",
                "Collaborator email"), rows.get(0).toList());
        assertEquals(4, rows.size(), "only content events");
        assertEquals(List.of("Read (downloaded or synced offline)", reportTime("read"), "Cy Ng", "cy@example.com",
                "/Plans/Q3 plan.pdf", "Q3 plan.pdf", "f-1", "FILE", "192.0.2.4", "2026-01-02T03:04:05Z",
                "2026-02-03T04:05:06Z", "", "", "", ""), rows.get(1).toList());
        assertEquals(List.of("Sent an invitation", "", "", "", "", "EDIT", "guest@partner.example"),
                pick(rows.get(2), 0, 8, 9, 10, 12, 13, 14));
        assertEquals(List.of("Created a public link", "", "true", "https://files.example.com/s/abc", "", ""),
                pick(rows.get(3), 0, 8, 11, 12, 13, 14));
    }

    @Test
    void theStaffAccessLayoutListsVendorStaffLoginsWithTheirDepartment() throws IOException {
        byte[] body = export(Tokens.admin(account), Map.of("layout", "staff-access")).then().statusCode(200).extract()
                .asByteArray();
        assertEveryRecordEndsWithCrlf(body);
        List<CSVRecord> rows = parse(new String(body, StandardCharsets.UTF_8));
        assertEquals(2, rows.size());
        assertEquals(List.of(reportTime("staff"), "s-1", "Sam Staff", "sam@vendor.example", "CUSTOMER_SUPPORT",
                "Login succeeded"), pick(rows.get(1), 0, 1, 2, 3, 4, 5));
    }

    @Test
    void ndjsonCarriesTheFullEventsAndFiltersApply() throws IOException {
        String body = export(Tokens.admin(account), Map.of("format", "ndjson", "category", "CRM_OBJECT,CONTENT"))
                .then().statusCode(200).header("Content-Type", containsString("application/x-ndjson"))
                .extract().asString();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertEquals(List.of("read", "invite", "share", "delete"), lines.stream().map(l -> l.get("id").asText()).toList());
        assertEquals("lead", lines.get(3).at("/details/before/lifecycle").asText());
    }

    @Test
    void aLongExportStreamsEveryRowOnce() throws IOException {
        String big = Events.newAccount();
        for (int batch = 0; batch < 3; batch++) {
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                events.add(Events.login("e-" + batch + "-" + i, 1000 - i, true));
            }
            record(big, events);
        }
        List<CSVRecord> rows = parse(export(Tokens.admin(big), Map.of()).then().statusCode(200).extract().asString());
        assertEquals(2701, rows.size());
        assertEquals(2700, rows.stream().skip(1).map(r -> r.get(0)).distinct().count());
    }

    @Test
    void theExportServiceNamesTheAccountAndUsersCannot() {
        export(Tokens.exportClient(), Map.of("account", account)).then().statusCode(200)
                .body(containsString("tricky"));
        export(Tokens.exportClient(), Map.of()).then().statusCode(400).body("errors[0].field", equalTo("account"));
        export(Tokens.admin(account), Map.of("account", Events.newAccount())).then().statusCode(400)
                .body("errors[0].field", equalTo("account"));
        export(Tokens.admin(Events.newAccount()), Map.of()).then().statusCode(200).body(equalTo(
                "Event ID,Date (UTC),Category,Subcategory,Action,Actor ID,Actor email,Actor name,Actor type,Department,"
                        + "Teams,Object type,Object ID,Object name,Path,IP address,Country,Region,Login type,User agent,"
                        + "Details\r\n"));
    }

    @Test
    void badRequestsAndWrongCallersAreRefusedBeforeAnyRow() {
        export(Tokens.admin(account), Map.of("format", "xml")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("format"));
        export(Tokens.admin(account), Map.of("layout", "pdf")).then().statusCode(400).body("errors[0].field", equalTo("layout"));
        export(Tokens.admin(account), Map.of("layout", "content", "category", "LOGIN")).then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        export(Tokens.admin(account), Map.of("from", "soon")).then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().get("/api/v1/events/export").then().statusCode(401);
        export(Tokens.ingest(account), Map.of()).then().statusCode(403);
        export(Tokens.feed(), Map.of()).then().statusCode(403);

        as(Tokens.operator()).body(Map.of("plan", "PROFESSIONAL")).put("/internal/v1/accounts/" + account + "/plan")
                .then().statusCode(200);
        export(Tokens.admin(account), Map.of("layout", "content")).then().statusCode(403)
                .contentType("application/problem+json");
        export(Tokens.admin(account), Map.of("category", "CRM_OBJECT")).then().statusCode(403);
    }

    private static Response export(String token, Map<String, String> query) {
        return given().auth().oauth2(token).queryParams(new HashMap<>(query)).get("/api/v1/events/export");
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
    }

    private static List<String> pick(CSVRecord record, int... columns) {
        List<String> cells = new ArrayList<>();
        for (int column : columns) {
            cells.add(record.get(column));
        }
        return cells;
    }
}
