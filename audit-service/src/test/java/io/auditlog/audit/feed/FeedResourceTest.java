package io.auditlog.audit.feed;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.seal.Sealer;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.auditlog.common.feed.FeedPositions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class FeedResourceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource database;

    @Inject
    Pool pool;

    @Inject
    Sealer sealer;

    @TestHTTPResource("/")
    URL base;

    /** A consumer's view: the position it reached and the ids (of one account) it has seen, in feed order. */
    record Consumed(String position, List<String> ids) {
    }

    @Test
    void aTransactionThatCommitsLateIsStillSeenExactlyOnce() throws Exception {
        String account = Events.newAccount();
        String position = drain(null, account).position();

        try (Connection slow = database.getConnection()) {
            slow.setAutoCommit(false);
            insertDirectly(slow, account, "slow");
            // Two ingest transactions begin after the slow one and commit before it.
            record(account, List.of(Events.login("fast-1", 3, true)));
            record(account, List.of(Events.login("fast-2", 2, true)));

            Consumed whileOpen = drain(position, account);
            assertEquals(List.of(), whileOpen.ids(),
                    "events committed after a still-open older transaction must wait for it");
            assertEquals(position, whileOpen.position(), "nothing new: the position stays");
            slow.commit();
        }

        Consumed after = drainUntil(position, account, 3);
        assertEquals(List.of("slow", "fast-1", "fast-2"), after.ids());
        assertEquals(List.of(), drain(after.position(), account).ids(), "a page read again repeats nothing");
    }

    /**
     * A feed consumer's open write transaction (it carries the consumers' mark) does not hold the feed back: an event
     * committed while it runs is served at once. Without the horizon's exception it waited for the consumer's
     * commit (this test then times out). A transaction without the mark that has taken an id, and so might still
     * write an event, holds the feed back as before.
     */
    @Test
    void aConsumersOpenTransactionDoesNotHoldTheFeedBack() throws Exception {
        String account = Events.newAccount();
        String position = drain(null, account).position();

        try (Connection consumer = database.getConnection()) {
            consumer.setAutoCommit(false);
            consumer.createStatement().execute("SELECT " + FeedPositions.MARK + ", pg_current_xact_id()");
            record(account, List.of(Events.login("beside-a-consumer", 1, true)));
            Consumed served = drainUntil(position, account, 1);
            assertEquals(List.of("beside-a-consumer"), served.ids());

            try (Connection writer = database.getConnection()) {
                writer.setAutoCommit(false);
                writer.createStatement().execute("SELECT pg_current_xact_id()");
                record(account, List.of(Events.login("behind-a-writer", 1, true)));
                assertEquals(List.of(), drain(served.position(), account).ids(),
                        "an open transaction without the mark may still write events: it holds the feed back");
                writer.commit();
            }
            assertEquals(List.of("behind-a-writer"), drainUntil(served.position(), account, 1).ids());
            consumer.commit();
        }
    }

    /** The feed engine's transaction carries the mark, so the rule above applies to every consumer's pass. */
    @Test
    void aFeedEnginePassCarriesTheConsumersMark() {
        String marks = "SELECT count(*) AS marks FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory'"
                + " AND classid = " + FeedPositions.CONSUMER_MARK_CLASS + " AND objid = " + FeedPositions.CONSUMER_MARK_ID
                + " AND objsubid = 2 AND granted";
        long held = pool.withTransaction(tx -> sealer.applyNext(tx)
                .chain(() -> tx.query(marks).execute()).map(rows -> rows.iterator().next().getLong("marks")))
                .await().atMost(PATIENCE);
        assertEquals(1, held);
    }

    /**
     * Six writers post 15 batches of 20 while one consumer pages: the consumer sees exactly the 1,800 events sent,
     * each once. It compares ids, not counts: an id it did not send (another writer's event in the account, an
     * AUDIT_LOG record of a read) or an id seen twice (a page repeated) fails by name. Issue 17's "2,000 seen
     * where 1,800 were stored" was the feed's text order across a power of ten (see the test below and
     * docs/decisions.md "The feed's 2,000 vs 1,800").
     */
    @RepeatedTest(3)
    void aConsumerPagingDuringConcurrentIngestSeesEveryEventOnce() throws Exception {
        String account = Events.newAccount();
        String start = drain(null, account).position();
        int writers = 6;
        int batches = 15;
        int perBatch = 20;
        Set<String> sent = new HashSet<>();
        for (int w = 0; w < writers; w++) {
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < perBatch; i++) {
                    sent.add(eventId(w, b, i));
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        Future<List<String>> consumer = pool.submit(() -> {
            List<String> seen = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            String position = start;
            // Until the writers are done and every sent id has arrived: a count would stop early on repeats.
            while (writing.get() || !distinct.containsAll(sent)) {
                Consumed page = drain(position, account);
                seen.addAll(page.ids());
                distinct.addAll(page.ids());
                position = page.position();
            }
            return seen;
        });
        List<Future<?>> producers = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            producers.add(pool.submit(() -> {
                for (int b = 0; b < batches; b++) {
                    List<Map<String, Object>> events = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        events.add(Events.login(eventId(writer, b, i), 5, true));
                    }
                    post(account, Map.of("events", events));
                }
                return null;
            }));
        }
        for (Future<?> producer : producers) {
            producer.get();
        }
        writing.set(false);
        List<String> seen = consumer.get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        pool.shutdown();

        Set<String> unique = new HashSet<>();
        List<String> repeated = seen.stream().filter(id -> !unique.add(id)).toList();
        assertEquals(sent.size(), storedRows(account), "rows stored for the account (AUDIT_LOG excluded)");
        assertEquals(List.of(), seen.stream().filter(id -> !sent.contains(id)).toList(), "events not sent");
        assertEquals(List.of(), repeated, "no event seen twice");
        assertEquals(sent, unique, "every event sent, seen");
    }

    /**
     * The cause of issue 17's 2,000 vs 1,800, made deterministic: the concurrent test's 90 transactions of 20 events,
     * written by transaction ids that cross a power of ten (55..144, as a fresh cluster's ids cross 10,000 during a
     * first full-suite run), read in pages of 1000. Ordered by the id's text (before 9391f6c) the first page ended
     * at "59" after "100".."144", and the next page served "100".."144" again; each event must come once, in
     * (transaction, seq) order.
     */
    @Test
    void transactionIdsCrossingAPowerOfTenArePagedOnceEach() throws Exception {
        String account = Events.newAccount();
        List<String> stored;
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(true);
            for (int tx = 55; tx < 145; tx++) {
                insertTransaction(c, account, "tx" + tx, tx, 20);
            }
            stored = feedOrder(c, account);
        }
        assertEquals(1800, stored.size());
        Consumed read = drain(new io.auditlog.common.feed.FeedPosition("54", Long.MAX_VALUE).encode(), account);
        Set<String> unique = new HashSet<>();
        assertEquals(List.of(), read.ids().stream().filter(id -> !unique.add(id)).toList(), "no event seen twice");
        assertEquals(stored, read.ids(), "every event once, in (transaction, seq) order");
    }

    /** Pages follow transaction id order, not its text: "100" sorts before "99" as text. */
    @Test
    void pagesFollowTransactionOrderAcrossAPowerOfTen() throws Exception {
        String account = Events.newAccount();
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(true);
            // Transaction ids long finished in any database (ordinary ids start at 3), across a power of ten.
            insertWithTransaction(c, account, "tx-99", 99);
            insertWithTransaction(c, account, "tx-100", 100);
            insertWithTransaction(c, account, "tx-101", 101);
        }
        String position = new io.auditlog.common.feed.FeedPosition("98", Long.MAX_VALUE).encode();
        List<String> ids = new ArrayList<>();
        for (int page = 0; page < 100 && ids.size() < 3; page++) {
            JsonPath body = as(Tokens.feed()).queryParam("after", position).queryParam("limit", 1000)
                    .get("/internal/v1/feed").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            if (items.isEmpty()) {
                break;
            }
            items.stream().filter(e -> account.equals(e.get("accountId"))).forEach(e -> ids.add((String) e.get("id")));
            position = body.getString("next");
        }
        assertEquals(List.of("tx-99", "tx-100", "tx-101"), ids);
    }

    /**
     * A page asked for some actions passes the same events as the page without, and stops at the same place: its
     * next and scanned are the unfiltered page's, its items the unfiltered items of those actions. Thirty events of
     * one account, every third an alert action, by transactions long finished (400..429), read in pages of four.
     */
    @Test
    void aPageFilteredByActionHasOnlyThoseEventsAndPassesTheOthers() throws Exception {
        String account = Events.newAccount();
        List<String> alerts = new ArrayList<>();
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(true);
            for (int tx = 400; tx < 430; tx++) {
                boolean alert = tx % 3 == 0;
                insert(c, account, "a" + tx, "(" + tx + "::text)::xid8", alert ? "USER_MANAGEMENT" : "LOGIN",
                        alert ? (tx % 2 == 0 ? "ADMIN_PERMISSION_REMOVED" : "EXPORT") : "LOGIN");
                if (alert) {
                    alerts.add("a" + tx);
                }
            }
        }
        String position = new io.auditlog.common.feed.FeedPosition("399", Long.MAX_VALUE).encode();
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (seen.size() < alerts.size() && pages++ < 100) {
            JsonPath all = as(Tokens.feed()).queryParam("after", position).queryParam("limit", 4)
                    .get("/internal/v1/feed").then().statusCode(200).extract().jsonPath();
            JsonPath some = as(Tokens.feed()).queryParam("after", position).queryParam("limit", 4)
                    .queryParam("action", "ADMIN_PERMISSION_REMOVED").queryParam("action", "EXPORT,")
                    .get("/internal/v1/feed").then().statusCode(200).extract().jsonPath();
            assertEquals(all.getString("next"), some.getString("next"), "the same page end");
            assertEquals(all.getInt("scanned"), some.getInt("scanned"), "the same events passed");
            assertEquals(all.getList("items").size(), all.getInt("scanned"), "unfiltered, every event passed is an item");
            List<Map<String, Object>> allItems = all.getList("items");
            List<Map<String, Object>> items = some.getList("items");
            assertEquals(allItems.stream().filter(e -> List.of("ADMIN_PERMISSION_REMOVED", "EXPORT")
                    .contains(e.get("action"))).map(e -> e.get("id")).toList(),
                    items.stream().map(e -> e.get("id")).toList(), "the unfiltered items of those actions");
            items.stream().filter(e -> account.equals(e.get("accountId"))).forEach(e -> seen.add((String) e.get("id")));
            if (allItems.isEmpty()) {
                break;
            }
            position = some.getString("next");
        }
        assertEquals(alerts, seen, "the account's alert events, once each, in feed order");
        assertTrue(pages > alerts.size() / 2, "pages of four events passed, not of four items");
    }

    @Test
    void theFeedNeedsTheFeedRoleAndGoodParameters() {
        given().get("/internal/v1/feed").then().statusCode(401).contentType("application/problem+json");
        as(Tokens.admin(Events.newAccount())).get("/internal/v1/feed").then().statusCode(403);
        as(Tokens.ingest(Events.newAccount())).get("/internal/v1/feed").then().statusCode(403);
        as(Tokens.feed()).queryParam("after", "garbage").get("/internal/v1/feed").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
        as(Tokens.feed()).queryParam("limit", "1001").get("/internal/v1/feed").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(Tokens.feed()).queryParam("limit", "1").get("/internal/v1/feed").then().statusCode(200);
        List<String> manyActions = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            manyActions.add("LOGIN" + i);
        }
        for (String action : List.of("NOPE", "login", "LOGIN,NOPE", "LOGIN\u0000", "\u00ff\ud83d\ude00",
                "x".repeat(300), String.join(",", manyActions))) {
            as(Tokens.feed()).queryParam("action", action).get("/internal/v1/feed").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("action"));
        }
        // An empty value, or only separators, is no filter, as for the log's own list parameters.
        as(Tokens.feed()).queryParam("limit", "1").queryParam("action", ",").get("/internal/v1/feed").then()
                .statusCode(200);
    }

    private Consumed drainUntil(String position, String account, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> ids = new ArrayList<>();
        while (ids.size() < expected && System.nanoTime() < deadline) {
            Consumed page = drain(position, account);
            ids.addAll(page.ids());
            position = page.position();
            if (ids.size() < expected) {
                Thread.sleep(100);
            }
        }
        return new Consumed(position, ids);
    }

    /** Pages from {@code position} until the feed has nothing more, keeping the ids of {@code account}. */
    private Consumed drain(String position, String account) {
        List<String> ids = new ArrayList<>();
        while (true) {
            Map<String, Object> query = new HashMap<>(Map.of("limit", 1000));
            if (position != null) {
                query.put("after", position);
            }
            JsonPath page = as(Tokens.feed()).queryParams(query).get("/internal/v1/feed").then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            String next = page.getString("next");
            items.stream().filter(e -> account.equals(e.get("accountId"))).forEach(e -> ids.add((String) e.get("id")));
            if (items.isEmpty()) {
                assertTrue(position == null || position.equals(next));
                return new Consumed(next, ids);
            }
            position = next;
        }
    }

    private long storedRows(String account) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM audit.event WHERE account_id = ? AND category <> 'AUDIT_LOG'")) {
            count.setString(1, account);
            var rs = count.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String eventId(int writer, int batch, int index) {
        return "w" + writer + "-b" + batch + "-" + index;
    }

    /** {@code count} events in one statement, as if written by transaction {@code txId}, an id long finished. */
    private static void insertTransaction(Connection connection, String account, String prefix, long txId, int count)
            throws Exception {
        try (PreparedStatement key = connection.prepareStatement(
                "INSERT INTO audit.event_key (account_id, event_id, occurred_at)"
                        + " SELECT ?, ? || '-' || g, now() FROM generate_series(1, ?) g");
                PreparedStatement event = connection.prepareStatement(
                        "INSERT INTO audit.event (account_id, event_id, occurred_at, category, action, tx_id)"
                                + " SELECT ?, ? || '-' || g, now(), 'LOGIN', 'LOGIN', (?::text)::xid8"
                                + " FROM generate_series(1, ?) g ORDER BY g")) {
            key.setString(1, account);
            key.setString(2, prefix);
            key.setInt(3, count);
            key.executeUpdate();
            event.setString(1, account);
            event.setString(2, prefix);
            event.setLong(3, txId);
            event.setInt(4, count);
            event.executeUpdate();
        }
    }

    /** The account's event ids in the feed's order, as the table holds them. */
    private static List<String> feedOrder(Connection connection, String account) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT event_id FROM audit.event WHERE account_id = ? ORDER BY tx_id, seq")) {
            select.setString(1, account);
            List<String> ids = new ArrayList<>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** Inserts an event as if written by transaction {@code txId}, an id long finished. */
    private static void insertWithTransaction(Connection connection, String account, String id, long txId)
            throws Exception {
        insert(connection, account, id, "(" + txId + "::text)::xid8");
    }

    /** Inserts an event in the connection's own transaction, as the ingest does (the column's default). */
    private static void insertDirectly(Connection connection, String account, String id) throws Exception {
        insert(connection, account, id, "pg_current_xact_id()");
    }

    private static void insert(Connection connection, String account, String id, String txId) throws Exception {
        insert(connection, account, id, txId, "LOGIN", "LOGIN");
    }

    private static void insert(Connection connection, String account, String id, String txId, String category,
            String action) throws Exception {
        try (PreparedStatement key = connection.prepareStatement(
                "INSERT INTO audit.event_key (account_id, event_id, occurred_at) VALUES (?, ?, now())");
                PreparedStatement event = connection.prepareStatement(
                        "INSERT INTO audit.event (account_id, event_id, occurred_at, category, action, tx_id) "
                                + "VALUES (?, ?, now(), ?, ?, " + txId + ")")) {
            key.setString(1, account);
            key.setString(2, id);
            key.executeUpdate();
            event.setString(1, account);
            event.setString(2, id);
            event.setString(3, category);
            event.setString(4, action);
            event.executeUpdate();
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private void post(String account, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString() + "api/v1/events"))
                .header("Authorization", "Bearer " + Tokens.ingest(account))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }
}
