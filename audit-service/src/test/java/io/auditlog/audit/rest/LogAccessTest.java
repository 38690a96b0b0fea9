package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.service.LogAccessService;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Who looked at the log: people's searches and entries opened are AUDIT_LOG events, coalesced per person and read
 * within the window; service clients' reads write nothing; the records are in the log like any other event, and
 * reading them writes one record of its own, not one per page (docs/architecture.md, "Who looked at the log").
 * The stored events are read from the database itself, so the API's own recording does not get in the way.
 */
@QuarkusTest
class LogAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource database;

    @Inject
    LogAccessService logAccess;

    private String account;
    private Person ann;
    private Person bob;

    record Person(String account, String userId, String name) {
        String token() {
            return LocalPlatformTestResource.identity().token(userId, account, List.of(Roles.ADMIN),
                    Duration.ofMinutes(30), Map.of("name", name, "email", userId + "@example.com"));
        }
    }

    /** An AUDIT_LOG event as stored. */
    record Stored(String id, String subcategory, String action, String actorId, String actorName, String actorEmail,
            String objectType, String objectId, JsonNode details) {
    }

    @BeforeEach
    void accountWithEvents() {
        account = Events.newAccount();
        ann = person(account, "Ann");
        bob = person(account, "Bob");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(Events.login("login-" + i, 60 - i, i % 2 == 0));
        }
        events.add(Events.contactDeleted("delete", 10));
        record(account, events);
    }

    @Test
    void aSearchWritesOneEventWithItsFiltersAndItsNextPagesAndRepeatsWriteNone() {
        JsonPath first = search(ann, Map.of("category", "LOGIN", "q", "ann", "limit", "3"));
        assertEquals(3, first.getList("items").size());
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            cursor = search(ann, Map.of("category", "LOGIN", "q", "ann", "limit", "3", "cursor", cursor))
                    .getString("nextCursor");
        }
        // The same search again, with its parameters in another order and another page size.
        search(ann, orderedMap("limit", "5", "q", "ann", "category", "LOGIN"));

        List<Stored> stored = stored(account);
        assertEquals(1, stored.size(), stored.toString());
        Stored searched = stored.get(0);
        assertEquals("EVENTS", searched.subcategory());
        assertEquals("SEARCHED", searched.action());
        assertEquals(ann.userId(), searched.actorId());
        assertEquals("Ann", searched.actorName());
        assertEquals(ann.userId() + "@example.com", searched.actorEmail());
        assertEquals(json("{\"category\":[\"LOGIN\"],\"q\":\"ann\"}"), searched.details().path("filters"));
    }

    @Test
    void anotherPersonOrOtherFiltersOrTheNextWindowWriteAnother() throws Exception {
        search(ann, Map.of("category", "LOGIN"));
        search(bob, Map.of("category", "LOGIN"));
        search(ann, Map.of("category", "LOGIN", "actor", "u-42"));
        search(ann, Map.of());
        search(ann, Map.of("category", "LOGIN"));
        assertEquals(4, stored(account).size());

        // Once the window has passed (its row made older than 5 minutes), the same search is a new read.
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit.log_access SET recorded_at = recorded_at - interval '6 minutes' "
                    + "WHERE account_id = '" + account + "'");
        }
        // This replica remembers what it recorded until the window ends by its own clock, which the test cannot
        // move: it forgets, as a restarted replica would, and the database decides.
        logAccess.forgetRecentReads();
        search(ann, Map.of("category", "LOGIN"));
        search(ann, Map.of("category", "LOGIN"));
        assertEquals(5, stored(account).size());
    }

    @Test
    void concurrentIdenticalSearchesWriteOneEvent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> as(ann.token()).queryParam("category", "LOGIN").get("/api/v1/events").statusCode());
            }
            for (Future<Integer> answer : pool.invokeAll(calls)) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, stored(account).size());
    }

    /** A cursor carries no filters: one sent with filters that were never searched is a search, recorded. */
    @Test
    void aCursorWithFiltersNeverSearchedIsRecorded() {
        String cursor = search(ann, Map.of("limit", "2")).getString("nextCursor");
        assertNotNull(cursor);
        search(ann, Map.of("limit", "2", "cursor", cursor, "action", "DELETE"));
        List<Stored> stored = stored(account);
        assertEquals(2, stored.size());
        assertEquals(json("{\"action\":[\"DELETE\"]}"), stored.get(1).details().path("filters"));
    }

    @Test
    void openingAnEntryWritesOneViewedEventPerPersonAndEntryWithinTheWindow() {
        as(ann.token()).get("/api/v1/events/delete").then().statusCode(200);
        as(ann.token()).get("/api/v1/events/delete").then().statusCode(200);
        as(ann.token()).get("/api/v1/events/login-1").then().statusCode(200);
        as(bob.token()).get("/api/v1/events/delete").then().statusCode(200);
        as(ann.token()).get("/api/v1/events/no-such-entry").then().statusCode(404);

        List<Stored> stored = stored(account);
        assertEquals(3, stored.size(), stored.toString());
        for (Stored viewed : stored) {
            assertEquals("VIEWED", viewed.action());
            assertEquals("EVENTS", viewed.subcategory());
            assertEquals("AUDIT_EVENT", viewed.objectType());
        }
        assertEquals(List.of("delete", "login-1", "delete"), stored.stream().map(Stored::objectId).toList());
        assertEquals(List.of(ann.userId(), ann.userId(), bob.userId()), stored.stream().map(Stored::actorId).toList());
        assertEquals("CRM_OBJECT", stored.get(0).details().path("category").asText());
    }

    /** A person streaming the log is an export of it; the export-service's stream (its client) is not recorded. */
    @Test
    void aPersonsExportIsRecordedOncePerFormatAndTheExportServicesStreamIsNot() {
        for (String format : List.of("csv", "csv", "ndjson")) {
            as(ann.token()).queryParams(Map.of("category", "LOGIN", "format", format)).get("/api/v1/events/export")
                    .then().statusCode(200);
        }
        as(Tokens.exportClient()).queryParams(Map.of("account", account, "category", "LOGIN"))
                .get("/api/v1/events/export").then().statusCode(200);
        List<Stored> stored = stored(account);
        assertEquals(2, stored.size(), stored.toString());
        for (Stored exported : stored) {
            assertEquals("EXPORTED", exported.action());
            assertEquals(ann.userId(), exported.actorId());
            assertEquals(json("{\"category\":[\"LOGIN\"]}"), exported.details().path("filters"));
            assertEquals("audit", exported.details().path("layout").asText());
        }
        assertEquals(List.of("csv", "ndjson"),
                stored.stream().map(e -> e.details().path("format").asText()).sorted().toList());
    }

    /** The analytics-service reports a dashboard view with the person's own token; only a person's is taken. */
    @Test
    void anAnalyticsViewIsRecordedForThePersonOfTheTokenOnly() {
        String view = "{\"section\":\"summary\",\"filters\":{\"tz\":\"UTC\",\"category\":[\"LOGIN\"]}}";
        io.restassured.RestAssured.given().contentType("application/json").body(view)
                .post("/api/v1/log-access/analytics").then().statusCode(401);
        for (String service : List.of(Tokens.feed(), Tokens.ingest(account), Tokens.exportClient())) {
            as(service).body(view).post("/api/v1/log-access/analytics").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        Map<String, String> bad = Map.of("{\"section\":\"Sum mary\"}", "section", "{}", "section",
                "{\"section\":\"summary\",\"filters\":{\"tz\":1}}", "filters.tz",
                "{\"section\":\"summary\",\"filters\":{\"tz\":[\"a\\nb\"]}}", "filters.tz",
                "{\"section\":\"summary\",\"who\":\"bob\"}", "who");
        bad.forEach((body, field) -> as(ann.token()).body(body).post("/api/v1/log-access/analytics").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem(field)));
        as(ann.token()).body(view).post("/api/v1/log-access/analytics").then().statusCode(204);
        as(ann.token()).body(view).post("/api/v1/log-access/analytics").then().statusCode(204);
        List<Stored> stored = stored(account);
        assertEquals(1, stored.size(), stored.toString());
        assertEquals("ANALYTICS", stored.get(0).subcategory());
        assertEquals("VIEWED", stored.get(0).action());
        assertEquals(ann.userId(), stored.get(0).actorId());
        assertEquals("ANALYTICS_SECTION", stored.get(0).objectType());
        assertEquals("summary", stored.get(0).objectId());
        assertEquals(json("{\"tz\":\"UTC\",\"category\":[\"LOGIN\"]}"), stored.get(0).details().path("filters"));
    }

    @Test
    void serviceClientsAndQueryChecksWriteNothing() {
        as(Tokens.exportClient()).queryParam("account", account).queryParam("format", "ndjson")
                .get("/api/v1/events/export").then().statusCode(200);
        as(Tokens.feed()).queryParam("limit", "1000").get("/internal/v1/feed").then().statusCode(200);
        // The export-service's check of a report's filters, with the requester's token: nothing is read.
        JsonPath checked = as(ann.token()).queryParams(Map.of("category", "LOGIN", "check", "true"))
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), checked.getList("items"));
        as(ann.token()).queryParams(Map.of("category", "NOPE", "check", "true")).get("/api/v1/events").then()
                .statusCode(400);
        as(ann.token()).queryParams(Map.of("check", "yes")).get("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("check"));
        // Refused reads are no reads.
        as(ann.token()).queryParam("category", "NOPE").get("/api/v1/events").then().statusCode(400);
        as(Tokens.noRole(account)).get("/api/v1/events").then().statusCode(403);
        assertEquals(List.of(), stored(account));
    }

    @Test
    void theRecordsAreInTheLogAndReadingThemDoesNotLoop() {
        search(ann, Map.of("category", "LOGIN"));
        // Bob reads the log's own category, page by page, twice: one record of his, and he sees Ann's.
        JsonPath first = search(bob, Map.of("category", "AUDIT_LOG", "limit", "1"));
        assertEquals(1, first.getList("items").size());
        assertEquals(ann.userId(), first.getString("items[0].actor.id"));
        assertEquals("SEARCHED", first.getString("items[0].action"));
        assertEquals("LOGIN", first.getString("items[0].details.filters.category[0]"));
        assertEquals(null, first.getString("nextCursor"), "his own record of this search is not on its page");
        search(bob, Map.of("category", "AUDIT_LOG", "limit", "1"));
        assertEquals(2, stored(account).size());

        // A new search of the category (other filters) shows his earlier record, and writes one more.
        JsonPath again = search(bob, Map.of("category", "AUDIT_LOG", "actor", bob.userId()));
        assertEquals(1, again.getList("items").size());
        assertEquals("AUDIT_LOG", again.getString("items[0].details.filters.category[0]"));
        assertEquals(3, stored(account).size());
    }

    @Test
    void anotherAccountNeverSeesThem() {
        search(ann, Map.of("category", "LOGIN"));
        String recordId = stored(account).get(0).id();
        String other = Events.newAccount();
        Person eve = person(other, "Eve");
        assertEquals(List.of(), search(eve, Map.of("category", "AUDIT_LOG")).getList("items"));
        as(eve.token()).get("/api/v1/events/" + recordId).then().statusCode(404);
        as(ann.token()).get("/api/v1/events/" + recordId).then().statusCode(200);
        assertEquals(2, stored(account).size(), "Ann's search and Ann's opening of its record");
        assertEquals(1, stored(other).size(), "Eve's search only, in her own account");
    }

    /** Strict: a search whose record cannot be written fails (503, Retry-After), and answers no page. */
    @Test
    void aSearchWhoseRecordCannotBeWrittenFails() throws Exception {
        try (Connection locker = database.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE audit.log_access IN ACCESS EXCLUSIVE MODE");
            }
            var answer = as(ann.token()).queryParam("category", "LOGIN").get("/api/v1/events").then()
                    .statusCode(503).contentType("application/problem+json").extract();
            assertNotNull(answer.header("Retry-After"));
            assertTrue(!answer.asString().contains("login-"), "no page of the log went out");
            locker.rollback();
        }
    }

    /**
     * A repeat of a read this replica recorded asks no database: with the coalescing table locked against every
     * statement, the first search (not yet remembered) fails and the repeat of an earlier one is answered.
     */
    @Test
    void aRepeatOfAReadThisReplicaRecordedAsksNoDatabase() throws Exception {
        search(ann, Map.of("category", "LOGIN"));
        try (Connection locker = database.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE audit.log_access IN ACCESS EXCLUSIVE MODE");
            }
            search(ann, Map.of("category", "LOGIN"));
            as(ann.token()).queryParam("category", "SECURITY").get("/api/v1/events").then().statusCode(503);
            locker.rollback();
        }
        // The refused search's statement, held by the lock, may still commit its record after the lock goes (a
        // record of an attempt); the repeated search has its first record only.
        assertEquals(1, stored(account).stream()
                .filter(e -> e.details().path("filters").equals(json("{\"category\":[\"LOGIN\"]}"))).count(),
                "one record of the LOGIN search: the repeat wrote none");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Person person(String account, String name) {
        return new Person(account, name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8), name);
    }

    private static JsonPath search(Person person, Map<String, ?> query) {
        return as(person.token()).queryParams(query).get("/api/v1/events").then().statusCode(200).extract()
                .jsonPath();
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The account's AUDIT_LOG events as stored, in the order they were written. */
    private List<Stored> stored(String accountId) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT event_id, subcategory, action, actor_id, actor_name, actor_email, object_type, object_id, "
                        + "details::text FROM audit.event WHERE account_id = ? AND category = 'AUDIT_LOG' "
                        + "ORDER BY occurred_at, event_id")) {
            s.setString(1, accountId);
            List<Stored> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            JSON.readTree(rs.getString(9))));
                }
            }
            return found;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
