package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.ids;
import static io.auditlog.audit.support.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class IngestResourceTest {

    @Test
    void recordsOneEventAndReturnsItWithTheAccountFromTheToken() {
        String account = Events.newAccount();
        post(account, Events.login("login-1", 5, false))
                .statusCode(201)
                .body("events", hasSize(1))
                .body("events[0].id", equalTo("login-1"))
                .body("events[0].created", equalTo(true));

        as(Tokens.admin(account)).get("/api/v1/events/login-1").then().statusCode(200)
                .body("accountId", equalTo(account))
                .body("category", equalTo("LOGIN"))
                .body("subcategory", equalTo("LOGIN_FAILED"))
                .body("actor.email", equalTo("ann@example.com"))
                .body("actor.teams", contains("sales"))
                .body("context.ip", equalTo("203.0.113.7"))
                .body("context.country", equalTo("DK"))
                .body("context.browser", equalTo("Chrome 120"))
                .body("context.os", equalTo("Windows"))
                .body("context.device", equalTo("Desktop"))
                .body("recordedAt", startsWith("20"));
    }

    @Test
    void makesAnIdWhenTheProducerGivesNone() {
        String account = Events.newAccount();
        String id = post(account, Events.securityChange(null, 1)).statusCode(201)
                .extract().jsonPath().getString("events[0].id");
        as(Tokens.admin(account)).get("/api/v1/events/" + id).then().statusCode(200).body("action", equalTo("DISABLE"));
    }

    @Test
    void aRepeatedIdStoresNothingNewAndAnswers200() {
        String account = Events.newAccount();
        post(account, Events.contactDeleted("del-1", 3)).statusCode(201);
        // The retry may even differ (another timestamp): the first recording stands.
        post(account, Events.contactDeleted("del-1", 1)).statusCode(200)
                .body("events[0].id", equalTo("del-1"))
                .body("events[0].created", equalTo(false));

        assertEquals(List.of("del-1"), ids(account, Map.of()));
    }

    @Test
    void aBatchReportsCreatedAndRepeatedPerEvent() {
        String account = Events.newAccount();
        post(account, Events.login("a", 10, true)).statusCode(201);
        post(account, Events.batch(List.of(Events.login("a", 10, true), Events.login("b", 9, true))))
                .statusCode(201)
                .body("events.id", contains("a", "b"))
                .body("events.created", contains(false, true));
        post(account, Events.batch(List.of(Events.login("a", 10, true), Events.login("b", 9, true))))
                .statusCode(200).body("events.created", contains(false, false));
    }

    @Test
    void theSameIdInTwoAccountsIsTwoEvents() {
        String first = Events.newAccount();
        String second = Events.newAccount();
        post(first, Events.login("shared-id", 2, true)).statusCode(201);
        post(second, Events.login("shared-id", 2, true)).statusCode(201).body("events[0].created", equalTo(true));
    }

    @Test
    void storesContentEventsWithTheirFileFields() {
        String account = Events.newAccount();
        post(account, Events.contentShared("share-1", 2)).statusCode(201);
        as(Tokens.admin(account)).get("/api/v1/events/share-1").then().statusCode(200)
                .body("object.path", equalTo("/Plans/Q3 plan.pdf"))
                .body("object.itemType", equalTo("FILE"))
                .body("details.sharedLink", equalTo("https://files.example.com/s/abc"))
                .body("details.passwordProtected", equalTo(true))
                .body("links.object", equalTo("/log?objectType=FILE&objectId=f-1"));
    }

    @Test
    void aBatchWithOneBadEventStoresNothing() {
        String account = Events.newAccount();
        Map<String, Object> bad = Events.login("bad", 1, true);
        bad.put("category", "LOGINZ");
        post(account, Events.batch(List.of(Events.login("good", 1, true), bad)))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("events[1].category"))
                .body("errors[0].reason", containsString("LOGIN, SECURITY"));
        assertEquals(List.of(), ids(account, Map.of()));
    }

    @Test
    void aBatchOf1001IsRefused() {
        String account = Events.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(Events.login("e" + i, 1, true));
        }
        post(account, Events.batch(events)).statusCode(400).body("errors[0].field", equalTo("events"));
        assertEquals(List.of(), ids(account, Map.of()));
    }

    @Test
    void aBatchOf1000IsStoredWhole() {
        String account = Events.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            events.add(Events.login("e" + i, i % 600, i % 3 == 0));
        }
        post(account, Events.batch(events)).statusCode(201).body("events", hasSize(1000));
        as(Tokens.admin(account)).queryParam("limit", 500).get("/api/v1/events").then().statusCode(200)
                .body("items", hasSize(500));
    }

    @Test
    void malformedJsonIsA400() {
        String account = Events.newAccount();
        as(Tokens.ingest(account)).body("{\"category\": \"LOGIN\",").post("/api/v1/events").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
    }

    @Test
    void wrongTypesNameTheField() {
        String account = Events.newAccount();
        Map<String, Object> event = Events.login(null, 1, true);
        event.put("occurredAt", 12345);
        post(account, Events.batch(List.of(Events.login(null, 1, true), event))).statusCode(400)
                .body("errors[0].field", equalTo("events[1].occurredAt"));

        Map<String, Object> teams = Events.login(null, 1, true);
        ((Map<String, Object>) teams.get("actor")).put("teams", "sales");
        post(account, teams).statusCode(400).body("errors[0].field", equalTo("actor.teams"));

        Map<String, Object> details = Events.login(null, 1, true);
        details.put("details", List.of(1, 2));
        post(account, details).statusCode(400).body("errors[0].field", equalTo("details"));
    }

    @Test
    void unknownEnumValuesListTheAllowedOnes() {
        String account = Events.newAccount();
        Map<String, Object> event = Events.login(null, 1, true);
        ((Map<String, Object>) event.get("actor")).put("type", "ROBOT");
        post(account, event).statusCode(400)
                .body("errors[0].field", equalTo("actor.type"))
                .body("errors[0].reason", equalTo("must be one of USER, STAFF, INTEGRATION, SYSTEM"));
    }

    @Test
    void overLongAndMissingFieldsAreNamed() {
        String account = Events.newAccount();
        Map<String, Object> event = Events.login("x".repeat(129), 1, true);
        event.remove("action");
        ((Map<String, Object>) event.get("actor")).put("name", "n".repeat(300));
        post(account, event).statusCode(400)
                .body("errors.field", hasItem("id"))
                .body("errors.field", hasItem("action"))
                .body("errors.field", hasItem("actor.name"));
    }

    @Test
    void catalogRulesApply() {
        String account = Events.newAccount();
        Map<String, Object> subcategory = Events.login(null, 1, true);
        subcategory.put("subcategory", "CONTACT");
        post(account, subcategory).statusCode(400).body("errors[0].field", equalTo("subcategory"))
                .body("errors[0].reason", containsString("LOGIN_SUCCEEDED"));
        Map<String, Object> action = Events.base(null, 1, "CONTENT", "DELETE");
        post(account, action).statusCode(400).body("errors[0].field", equalTo("action"))
                .body("errors[0].reason", containsString("PERMANENT_DELETE"));
    }

    @Test
    void eventsOutsideTheRetentionWindowOrFarInTheFutureAreRefused() {
        String account = Events.newAccount();
        post(account, Events.login(null, 60 * 24 * 401, true)).statusCode(400)
                .body("errors[0].field", equalTo("occurredAt"));
        post(account, Events.login(null, -60 * 48, true)).statusCode(400)
                .body("errors[0].field", equalTo("occurredAt"));
        Map<String, Object> noOffset = Events.login(null, 1, true);
        noOffset.put("occurredAt", "2026-11-20T10:15:30");
        post(account, noOffset).statusCode(400).body("errors[0].field", equalTo("occurredAt"));
    }

    @Test
    void theAccountCannotBeNamedInTheBody() {
        String account = Events.newAccount();
        Map<String, Object> event = Events.login(null, 1, true);
        event.put("accountId", "someone-else");
        post(account, event).statusCode(400).body("errors[0].field", equalTo("accountId"));
    }

    @Test
    void otherBadShapesAreRefused() {
        String account = Events.newAccount();
        post(account, List.of(Events.login(null, 1, true))).statusCode(400).body("errors[0].field", equalTo("body"));
        post(account, Map.of("events", Map.of())).statusCode(400).body("errors[0].field", equalTo("events"));
        post(account, Map.of("events", List.of())).statusCode(400).body("errors[0].field", equalTo("events"));
        post(account, Map.of("events", List.of("x"))).statusCode(400).body("errors[0].field", equalTo("events[0]"));
        Map<String, Object> ip = Events.login(null, 1, true);
        ip.put("context", new HashMap<>(Map.of("ip", "not-an-ip")));
        post(account, ip).statusCode(400).body("errors[0].field", equalTo("context.ip"));
        Map<String, Object> department = Events.login(null, 1, true);
        ((Map<String, Object>) department.get("actor")).put("department", "SALES");
        post(account, department).statusCode(400).body("errors[0].field", equalTo("actor.department"));
        post(account, Events.batch(List.of(Events.login("twice", 1, true), Events.login("twice", 2, true))))
                .statusCode(400).body("errors[0].field", equalTo("events[1].id"));
        as(Tokens.ingest(account)).contentType(ContentType.TEXT).body("hello").post("/api/v1/events").then()
                .statusCode(415).contentType("application/problem+json");
    }

    @Test
    void staffLoginsCarryTheirDepartment() {
        String account = Events.newAccount();
        Map<String, Object> event = Events.login("staff-1", 1, true);
        Map<String, Object> actor = Events.actor("s-1", "sam@vendor.example", "Sam Staff", List.of());
        actor.put("type", "STAFF");
        actor.put("department", "CUSTOMER_SUPPORT");
        event.put("actor", actor);
        post(account, event).statusCode(201);
        as(Tokens.admin(account)).get("/api/v1/events/staff-1").then().statusCode(200)
                .body("actor.type", equalTo("STAFF")).body("actor.department", equalTo("CUSTOMER_SUPPORT"));
    }

    @Test
    void ingestNeedsAValidTokenWithTheIngestRoleAndAnAccount() {
        String account = Events.newAccount();
        given().contentType(ContentType.JSON).body(Events.login(null, 1, true)).post("/api/v1/events").then()
                .statusCode(401).contentType("application/problem+json");
        as(Tokens.forged(account)).body(Events.login(null, 1, true)).post("/api/v1/events").then().statusCode(401);
        as(Tokens.expired(account)).body(Events.login(null, 1, true)).post("/api/v1/events").then().statusCode(401);
        as(Tokens.admin(account)).body(Events.login(null, 1, true)).post("/api/v1/events").then()
                .statusCode(403).contentType("application/problem+json");
        as(Tokens.noRole(account)).body(Events.login(null, 1, true)).post("/api/v1/events").then().statusCode(403);
        as(Tokens.adminWithoutAccount()).body(Events.login(null, 1, true)).post("/api/v1/events").then()
                .statusCode(403);
        as(Tokens.ingestForAllAccounts()).body(Events.login(null, 1, true)).post("/api/v1/events").then()
                .statusCode(400).body("errors[0].field", equalTo("account"));
        as(Tokens.ingest(account)).queryParam("account", Events.newAccount()).body(Events.login(null, 1, true))
                .post("/api/v1/events").then().statusCode(400).body("errors[0].field", equalTo("account"));
        assertEquals(List.of(), ids(account, Map.of()));
    }

    @Test
    void aClientOfManyAccountsNamesTheAccount() {
        String account = Events.newAccount();
        as(Tokens.ingestForAllAccounts()).queryParam("account", account).body(Events.login("for-" + account, 1, true))
                .post("/api/v1/events").then().statusCode(201);
        assertEquals(List.of("for-" + account), ids(account, Map.of()));
        as(Tokens.ingestForAllAccounts()).queryParam("account", "bad id").body(Events.login(null, 1, true))
                .post("/api/v1/events").then().statusCode(400).body("errors[0].field", equalTo("account"));
    }
}
