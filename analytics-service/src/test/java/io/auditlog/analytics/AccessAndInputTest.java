package io.auditlog.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.analytics.support.Analytics;
import io.auditlog.analytics.support.Audit;
import io.auditlog.analytics.support.Dataset;
import io.auditlog.analytics.support.Rollups;
import io.quarkus.test.junit.QuarkusTest;

/** Who may ask (401, 403, the Enterprise plan), whose data an answer shows, and bad input as 400 naming the field. */
@QuarkusTest
class AccessAndInputTest {

    private static final List<String> DASHBOARDS = List.of("summary", "series?groupBy=category", "top-actors",
            "top-objects");

    @Test
    void everyEndpointNeedsAToken() {
        for (String dashboard : DASHBOARDS) {
            given().get("/api/v1/analytics/" + dashboard).then().statusCode(401)
                    .contentType("application/problem+json");
        }
        given().get("/internal/v1/analytics/status").then().statusCode(401);
        given().post("/internal/v1/analytics/rebuild").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/analytics/summary").then().statusCode(401);
    }

    @Test
    void onlyTheAccountsSuperAdminsMayAsk() {
        String account = Audit.newAccount();
        for (String dashboard : DASHBOARDS) {
            for (String role : List.of("audit-ingest", "audit-feed", "platform-operator")) {
                given().auth().oauth2(Audit.token("someone", account, role)).get("/api/v1/analytics/" + dashboard)
                        .then().statusCode(403).contentType("application/problem+json");
            }
            // An admin token that names no account may not read account data.
            given().auth().oauth2(Audit.token("nobody", null, "audit-admin")).get("/api/v1/analytics/" + dashboard)
                    .then().statusCode(403).body("detail", containsString("account_id"));
        }
        given().auth().oauth2(Audit.admin(account)).get("/internal/v1/analytics/status").then().statusCode(403);
        given().auth().oauth2(Audit.admin(account)).post("/internal/v1/analytics/rebuild").then().statusCode(403);
        given().auth().oauth2(Audit.operator()).get("/internal/v1/analytics/status").then().statusCode(200);
    }

    @Test
    void theStatusCountsEveryEventApplied() throws Exception {
        // Nothing pending first, so that what is applied next is exactly what this test sends.
        JsonNode before = Rollups.awaitPosition(Rollups.feedAfter(Rollups.status().path("position").asText()).head());
        String account = Audit.newAccount();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Dataset data = Dataset.of(22, now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.MINUTES), 37, List.of());
        Audit.record(account, data.events());

        Rollups.FeedTail sent = Rollups.awaitFeed(before.path("position").asText(), data.events().size());
        assertEquals(data.events().size(), sent.events(), "the feed holds the events sent, and only those");
        JsonNode after = Rollups.awaitPosition(sent.head());
        assertEquals(before.path("eventsApplied").asLong() + data.events().size(), after.path("eventsApplied").asLong());
        assertEquals(sent.head(), after.path("position").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = { "STARTER", "PROFESSIONAL" })
    void theAnalyzeTabIsEnterpriseOnly(String plan) throws Exception {
        String account = Audit.newAccount();
        Audit.setPlan(account, plan);
        for (String dashboard : DASHBOARDS) {
            given().auth().oauth2(Audit.admin(account)).get("/api/v1/analytics/" + dashboard).then().statusCode(403)
                    .contentType("application/problem+json").body("title", equalTo("Enterprise plan required"))
                    .body("detail", containsString("Enterprise feature")).body("detail", containsString(plan));
        }
        String enterprise = Audit.newAccount();
        Audit.setPlan(enterprise, "ENTERPRISE");
        given().auth().oauth2(Audit.admin(enterprise)).get("/api/v1/analytics/summary").then().statusCode(200);
    }

    @Test
    void anotherAccountsEventsAreNotCounted() throws Exception {
        String mine = Audit.newAccount();
        String theirs = Audit.newAccount();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Dataset theirEvents = Dataset.of(21, now.minus(3, ChronoUnit.DAYS), now.minus(1, ChronoUnit.MINUTES), 50,
                List.of());
        Audit.record(theirs, theirEvents.events());
        Audit.record(mine, List.of(Audit.event(now.minus(2, ChronoUnit.HOURS), "LOGIN", "LOGIN_SUCCEEDED", "LOGIN",
                "u-1", "ann@example.com", null, null)));
        long theirLogins = theirEvents.count(Dataset.category("LOGIN"));
        Analytics.await(theirs, "summary", Map.of(), s -> Analytics.total(s, "logins") == theirLogins);

        JsonNode summary = Analytics.await(mine, "summary", Map.of(), s -> Analytics.total(s, "logins") == 1);
        assertEquals(0, Analytics.total(summary, "deletions") + Analytics.total(summary, "exports")
                + Analytics.total(summary, "reports"));
        JsonNode actors = Analytics.get(Audit.admin(mine), "top-actors", Map.of()).then().statusCode(200).extract()
                .as(JsonNode.class);
        assertEquals(1, actors.path("items").size());
        JsonNode objects = Analytics.get(Audit.admin(mine), "top-objects", Map.of()).then().statusCode(200).extract()
                .as(JsonNode.class);
        assertEquals(0, objects.path("items").size());
        // The token names the account; a parameter cannot widen it.
        JsonNode named = Analytics.get(Audit.admin(mine), "series", Map.of("groupBy", "category", "account", theirs))
                .then().statusCode(200).extract().as(JsonNode.class);
        assertEquals(1, named.path("totals").size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "summary?from=yesterday|from",
            "summary?to=2026-13-01|to",
            "summary?tz=Mars/Olympus|tz",
            "summary?from=2026-11-05&to=2026-11-05|from",
            "summary?from=2026-11-05&to=2026-11-01|from",
            "summary?from=2025-01-01&to=2026-11-01|to",
            "summary?from=1900-01-01&to=1900-01-05&tz=America/New_York|from",
            "series|groupBy",
            "series?groupBy=team|groupBy",
            "series?groupBy=category&interval=month|interval",
            "series?groupBy=category&category=login|category",
            "series?groupBy=action&action=DELETE,drop table|action",
            "series?groupBy=category&actor=u-1&actor=u-2|actor",
            "series?groupBy=login-outcome&category=CRM_OBJECT|category",
            "top-actors?limit=0|limit",
            "top-objects?limit=many|limit" })
    void badInputIsA400NamingTheField(String request, String field) {
        String account = Audit.newAccount();
        given().auth().oauth2(Audit.admin(account)).urlEncodingEnabled(true).get("/api/v1/analytics/" + request)
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("errors[0].field", equalTo(field));
    }
}
