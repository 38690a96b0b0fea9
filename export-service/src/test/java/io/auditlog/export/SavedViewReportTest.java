package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.testing.AuditService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A report that names a saved view of the audit-service (viewId): checked with the requester's own token when it is
 * asked for, then streamed by this service's client, which has no person, naming the account.
 */
@QuarkusTest
class SavedViewReportTest {

    private static String saveView(String token, Map<String, Object> body) {
        return given().baseUri(Audit.url()).auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/views").then().statusCode(201).extract().path("id");
    }

    @Test
    void aReportOfASavedViewHoldsTheViewsEventsOnly() throws Exception {
        String account = Audit.newAccount();
        Audit.record(account, List.of(Audit.event("failed-1", 50, "LOGIN", "LOGIN_FAILED", "LOGIN"),
                Audit.event("ok-1", 45, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN"),
                Audit.event("failed-2", 40, "LOGIN", "LOGIN_FAILED", "LOGIN"),
                Audit.event("delete-1", 30, "CRM_OBJECT", "CONTACT", "DELETE")));
        String viewId = saveView(Audit.admin(account), Map.of("name", "Failed logins", "filters",
                Map.of("category", List.of("LOGIN"), "subcategory", List.of("LOGIN_FAILED")), "sort", "newest"));

        String id = Exports.start(account, Map.of("type", "audit-log", "viewId", viewId));
        JsonPath job = Exports.await(account, id, "COMPLETED");
        assertEquals(2, job.getLong("rowsWritten"));
        List<CSVRecord> rows = Exports.csvFiles(account, id).get(0);
        assertEquals(List.of("failed-1", "failed-2"), rows.stream().skip(1).map(r -> r.get(0)).toList(),
                "the view's events, oldest first whatever the view's sort");
    }

    @Test
    void aViewTheRequesterMayNotUseIsA400NamingViewId() {
        String account = Audit.newAccount();
        String viewId = saveView(AuditService.token("someone-else", account, "audit-admin"),
                Map.of("name", "Private", "filters", Map.of("category", List.of("LOGIN"))));
        Exports.request(account, Map.of("type", "audit-log", "viewId", viewId)).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("viewId"));
        Exports.request(Audit.newAccount(), Map.of("type", "audit-log", "viewId", viewId)).statusCode(400)
                .body("errors[0].field", equalTo("viewId"));
    }
}
