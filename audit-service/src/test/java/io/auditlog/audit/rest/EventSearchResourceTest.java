package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.ids;
import static io.auditlog.audit.support.Api.record;
import static io.auditlog.audit.support.Api.search;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class EventSearchResourceTest {

    private String account;

    /** Five events of one account, newest first: share, security, delete, failed login, old login. */
    @BeforeEach
    void recordLog() {
        account = Events.newAccount();
        Map<String, Object> oldLogin = Events.login("old-login", 60 * 24 * 40, true);
        Map<String, Object> otherActor = Events.login("failed-login", 50, false);
        otherActor.put("actor", Events.actor("u-77", "zed@example.com", "Zed Ray", List.of("marketing")));
        record(account, List.of(oldLogin, otherActor, Events.contactDeleted("delete", 40),
                Events.securityChange("security", 30), Events.contentShared("share", 20)));
    }

    @Test
    void listsNewestFirst() {
        assertEquals(List.of("share", "security", "delete", "failed-login", "old-login"), ids(account, Map.of()));
    }

    @Test
    void filtersByEachField() {
        assertEquals(List.of("failed-login", "old-login"), ids(account, Map.of("category", "LOGIN")));
        assertEquals(List.of("failed-login"), ids(account, Map.of("category", "LOGIN", "subcategory", "LOGIN_FAILED")));
        assertEquals(List.of("share", "delete"), ids(account, Map.of("category", "CONTENT,CRM_OBJECT")));
        assertEquals(List.of("delete"), ids(account, Map.of("action", "DELETE")));
        assertEquals(List.of("security", "old-login"), ids(account, Map.of("actor", "u-42")));
        assertEquals(List.of("failed-login"), ids(account, Map.of("actor", "zed@example.com")));
        assertEquals(List.of("failed-login"), ids(account, Map.of("team", "marketing")));
        assertEquals(List.of("delete"), ids(account, Map.of("objectType", "CONTACT", "objectId", "c-9")));
        assertEquals(List.of("delete"), ids(account, Map.of("ip", "198.51.100.23")));
        assertEquals(List.of("failed-login", "old-login"), ids(account, Map.of("ip", "203.0.113.0/24")));
        assertEquals(List.of("share"), ids(account, Map.of("q", "q3 PLAN")));
        assertEquals(List.of("delete"), ids(account, Map.of("q", "carla")));
        assertEquals(List.of("delete"), ids(account, Map.of("q", "delete")));
        assertEquals(List.of(), ids(account, Map.of("q", "100%_")));
    }

    /** q is text to find, never a pattern: %, _ and \\ match themselves only. */
    @Test
    void textSearchTakesLikeMetacharactersLiterally() {
        String other = Events.newAccount();
        String[] names = { "100% sure", "100 percent sure", "a_b", "axb", "back\\slash", "backslash" };
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Map<String, Object> event = Events.contactDeleted("n" + i, names.length - i);
            event.put("object", Map.of("type", "CONTACT", "id", "c-" + i, "name", names[i]));
            events.add(event);
        }
        record(other, events);
        assertEquals(List.of("n0"), ids(other, Map.of("q", "100%")));
        assertEquals(List.of("n0"), ids(other, Map.of("q", "%")));
        assertEquals(List.of("n2"), ids(other, Map.of("q", "_")));
        assertEquals(List.of("n4"), ids(other, Map.of("q", "\\")));
        assertEquals(List.of("n4"), ids(other, Map.of("q", "k\\s")));
        assertEquals(List.of(), ids(other, Map.of("q", "%_\\")));
    }

    @Test
    void filtersByTimeRange() {
        Instant now = Instant.now();
        String from = now.minus(45, ChronoUnit.MINUTES).toString();
        String to = now.minus(25, ChronoUnit.MINUTES).toString();
        assertEquals(List.of("security", "delete"), ids(account, Map.of("from", from, "to", to)));
    }

    @Test
    void builtInViewsCoverTheLast30Days() {
        assertEquals(List.of("share", "security", "delete", "failed-login"), ids(account, Map.of("view", "all-logs")));
        assertEquals(List.of("failed-login"), ids(account, Map.of("view", "login-history")));
        assertEquals(List.of("security"), ids(account, Map.of("view", "security-activity")));
        search(account, Map.of("view", "login-history", "category", "SECURITY")).statusCode(400)
                .body("errors[0].field", equalTo("category"));
    }

    @Test
    void pagesWithACursorSeeEveryEventOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> query = new HashMap<>(Map.of("limit", 2));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = search(account, query).statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of("share", "security", "delete", "failed-login", "old-login"), seen);
    }

    @Test
    void pagesStayExactWhileNewEventsArrive() {
        JsonPath first = search(account, Map.of("limit", 2)).statusCode(200).extract().jsonPath();
        record(account, List.of(Events.login("newer", 1, true), Events.login("between", 35, true)));
        List<String> rest = ids(account, Map.of("limit", 10, "cursor", first.getString("nextCursor")));
        assertEquals(List.of("share", "security"), first.getList("items.id", String.class));
        assertEquals(List.of("between", "delete", "failed-login", "old-login"), rest);
    }

    @Test
    void badParametersAre400sThatNameTheParameter() {
        Map<String, String> bad = Map.of(
                "limit", "0", "cursor", "not-a-cursor", "from", "yesterday", "category", "NOPE", "view", "mine",
                "ip", "300.1.1.1", "action", "EXPLODE");
        bad.forEach((name, value) -> search(account, Map.of(name, value)).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo(name)));
        search(account, Map.of("limit", "501")).statusCode(400).body("errors[0].field", equalTo("limit"));
        search(account, Map.of("limit", "ten")).statusCode(400).body("errors[0].field", equalTo("limit"));
        search(account, Map.of("subcategory", "LOGIN_FAILED")).statusCode(400)
                .body("errors[0].field", equalTo("subcategory")).body("errors[0].reason", equalTo("needs a category"));
        search(account, Map.of("category", "LOGIN", "subcategory", "CONTACT")).statusCode(400)
                .body("errors[0].field", equalTo("subcategory"));
        search(account, Map.of("from", "2026-11-20T00:00:00Z", "to", "2026-11-19T00:00:00Z")).statusCode(400)
                .body("errors[0].field", equalTo("from"));
        search(account, Map.of("q", "x".repeat(201))).statusCode(400).body("errors[0].field", equalTo("q"));
    }

    @Test
    void readsOneEventWithDetailsAndNotAnotherAccounts() {
        as(Tokens.admin(account)).get("/api/v1/events/delete").then().statusCode(200)
                .body("details.before.lifecycle", equalTo("lead"))
                .body("links.self", equalTo("/api/v1/events/delete"))
                .body("links.object", equalTo("/log?objectType=CONTACT&objectId=c-9"));
        as(Tokens.admin(Events.newAccount())).get("/api/v1/events/delete").then().statusCode(404)
                .contentType("application/problem+json");
        as(Tokens.admin(account)).get("/api/v1/events/no-such-event").then().statusCode(404);
    }

    @Test
    void anotherAccountSeesNothingOfThisOne() {
        assertEquals(List.of(), ids(Events.newAccount(), Map.of()));
    }

    @Test
    void readingNeedsTheAdminRole() {
        given().get("/api/v1/events").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/events/delete").then().statusCode(401);
        as(Tokens.forged(account)).get("/api/v1/events").then().statusCode(401);
        as(Tokens.ingest(account)).get("/api/v1/events").then().statusCode(403);
        as(Tokens.ingest(account)).get("/api/v1/events/delete").then().statusCode(403);
        as(Tokens.adminWithoutAccount()).get("/api/v1/events").then().statusCode(403);
    }

    @Test
    void starterAndProfessionalPlansSeeOnlyLoginAndSecurity() {
        as(Tokens.operator()).body(Map.of("plan", "PROFESSIONAL"))
                .put("/internal/v1/accounts/" + account + "/plan").then().statusCode(200)
                .body("plan", equalTo("PROFESSIONAL"));

        assertEquals(List.of("security", "failed-login", "old-login"), ids(account, Map.of()));
        search(account, Map.of("category", "CRM_OBJECT")).statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("ENTERPRISE"));
        as(Tokens.admin(account)).get("/api/v1/events/delete").then().statusCode(404);
        // The who, where and how stay; the metadata is an enterprise feature.
        as(Tokens.admin(account)).get("/api/v1/events/security").then().statusCode(200)
                .body("actor.email", equalTo("ann@example.com")).body("details", nullValue());
        as(Tokens.admin(account)).get("/api/v1/account").then().statusCode(200)
                .body("plan", equalTo("PROFESSIONAL")).body("planSource", equalTo("ACCOUNT"))
                .body("eventDetails", equalTo(false));
    }
}
