package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ExportRulesAndAccessTest {

    @Test
    void eachRuleOfTheProductPagesIsA400NamingTheField() {
        String account = Audit.newAccount();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String old = LocalDate.now(ZoneOffset.UTC).minusDays(91).toString();
        Map<Map<String, Object>, String> cases = Map.of(
                Map.of("type", "pdf-log"), "type",
                Map.of("type", "audit-log", "format", "xlsx"), "format",
                Map.of("type", "audit-log", "timeZone", "Mars/Olympus"), "timeZone",
                Map.of("type", "audit-log", "from", old), "from",
                Map.of("type", "audit-log", "from", today, "to", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString()), "from",
                Map.of("type", "audit-log", "from", "yesterday"), "from",
                Map.of("type", "audit-log", "filters", Map.of("colour", "red")), "filters.colour",
                Map.of("type", "audit-log", "filters", Map.of("category", 5)), "filters.category",
                Map.of("type", "content-log", "filters", Map.of("category", "LOGIN")), "filters");
        cases.forEach((body, field) -> Exports.request(account, body).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(field)));
        // Before the launch (and more than 90 days ago): the launch rule answers, naming the launch, not the 90 days.
        // ExportRequestRulesTest tells the two rules apart with a launch inside the 90 days.
        Exports.request(account, Map.of("type", "audit-log", "from", "2025-12-31", "to", "2026-01-15")).statusCode(400)
                .body("errors[0].field", equalTo("from"))
                .body("errors[0].reason", containsString("launch on 2026-01-01"));
        Exports.request(account, Map.of("type", "audit-log", "viewId", "mine")).statusCode(400)
                .body("errors[0].field", equalTo("viewId"));
        given().auth().oauth2(Audit.admin(account)).contentType(ContentType.JSON).body("{\"type\":")
                .post("/api/v1/exports").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theAuditServiceJudgesTheFiltersWithTheAdminsOwnRights() {
        String account = Audit.newAccount();
        Exports.request(account, Map.of("type", "audit-log", "filters", Map.of("category", "NOPE"))).statusCode(400)
                .body("errors[0].field", equalTo("filters.category"));
        Exports.request(account, Map.of("type", "audit-log", "filters", Map.of("ip", "not-an-ip"))).statusCode(400)
                .body("errors[0].field", equalTo("filters.ip"));
    }

    @Test
    void everyEndpointNeedsAnAdminTokenAndStaysInItsAccount() throws Exception {
        String account = Audit.newAccount();
        String id = Exports.start(account, Map.of("type", "audit-log"));
        Exports.await(account, id, "COMPLETED");
        String stranger = Audit.admin(Audit.newAccount());
        String ingest = Audit.ingest(account);

        given().contentType(ContentType.JSON).body(Map.of("type", "audit-log")).post("/api/v1/exports").then()
                .statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/exports").then().statusCode(401);
        given().get("/api/v1/exports/" + id).then().statusCode(401);
        given().get("/api/v1/exports/" + id + "/files/1").then().statusCode(401);
        given().delete("/api/v1/exports/" + id).then().statusCode(401);

        given().auth().oauth2(ingest).contentType(ContentType.JSON).body(Map.of("type", "audit-log"))
                .post("/api/v1/exports").then().statusCode(403);
        given().auth().oauth2(ingest).get("/api/v1/exports").then().statusCode(403);
        given().auth().oauth2(ingest).get("/api/v1/exports/" + id).then().statusCode(403);

        given().auth().oauth2(stranger).get("/api/v1/exports/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(stranger).get("/api/v1/exports/" + id + "/files/1").then().statusCode(404);
        given().auth().oauth2(stranger).delete("/api/v1/exports/" + id).then().statusCode(404);
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id).then().statusCode(200);

        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id + "/files/0").then().statusCode(400)
                .body("errors[0].field", equalTo("n"));
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id + "/files/99").then().statusCode(404);
        given().auth().oauth2(Audit.admin(account)).queryParam("limit", "0").get("/api/v1/exports").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(Audit.admin(account)).queryParam("before", "x").get("/api/v1/exports").then()
                .statusCode(400).body("errors[0].field", equalTo("before"));
    }

    @Test
    void aStarterAccountCannotRequestAContentLogReport() {
        String account = Audit.newAccount();
        String operator = LocalPlatformTestResource.identity().token("op", null, List.of("platform-operator"),
                java.time.Duration.ofMinutes(5));
        String auditUrl = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("export.audit.url", String.class);
        given().baseUri(auditUrl).port(-1).auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("plan", "STARTER")).put("/internal/v1/accounts/" + account + "/plan").then().statusCode(200);
        Exports.request(account, Map.of("type", "content-log")).statusCode(403)
                .body("detail", containsString("plan"));
        Exports.request(account, Map.of("type", "staff-access")).statusCode(202);
    }

    static Instant daysAgo(int days) {
        return Instant.now().minus(days, ChronoUnit.DAYS);
    }
}
