package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.quarkus.test.junit.QuarkusTest;

/**
 * RFC 4180: every line of a CSV report ends with CRLF, the header (from the audit-service's Commons CSV) and every
 * row (from PostgreSQL's COPY there) alike, in every file of a split report. Needs the audit-service to write its
 * rows with CRLF; the export-service copies the bytes and adds no line ending of its own.
 */
@QuarkusTest
class CsvLineEndingsTest {

    @Test
    void everyLineOfEveryFileOfACsvReportEndsWithCrlf() throws Exception {
        String account = Audit.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> event = Audit.event("crlf-" + i, 300 - i, "SECURITY", "PASSWORD", "UPDATE");
            // Quotes and commas make the cells quoted; no line break inside a cell, so every LF ends a line.
            event.put("actor", Map.of("id", "u-" + i, "name", "Ann \"The\" Lee, " + i, "type", "USER"));
            events.add(event);
        }
        Audit.record(account, events);
        String id = Exports.start(account, Map.of("type", "audit-log", "filters", Map.of("category", "SECURITY")));
        int files = Exports.await(account, id, "COMPLETED").getList("files").size();
        assertTrue(files > 1, "a split report: every file is checked");

        int lines = 0;
        for (int n = 1; n <= files; n++) {
            byte[] file = given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id + "/files/" + n)
                    .then().statusCode(200).extract().asByteArray();
            assertTrue(file.length >= 2 && file[file.length - 2] == '\r' && file[file.length - 1] == '\n',
                    "file " + n + " ends with CRLF");
            for (int i = 0; i < file.length; i++) {
                if (file[i] == '\n') {
                    lines++;
                    assertEquals('\r', i > 0 ? (char) file[i - 1] : '?',
                            "file " + n + ": line " + lines + " ends with CRLF, not LF");
                } else if (file[i] == '\r') {
                    assertEquals('\n', (char) file[i + 1], "file " + n + ": no CR alone at byte " + i);
                }
            }
        }
        assertEquals(30 + files, lines, "every row once and one header per file");
    }
}
