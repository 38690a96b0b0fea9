package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.common.feed.FeedPosition;
import io.auditlog.common.feed.FeedPositions;

import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ReadyFeedTest {

    @Inject
    AgroalDataSource database;

    private static String feedToken() {
        return LocalPlatformTestResource.identity().token("notification-service", null, List.of("audit-feed"),
                Duration.ofMinutes(10));
    }

    @Test
    void eachCompletedExportAppearsOnceWithItsRequesterAndDownload() throws Exception {
        String start = drain(null).position;
        String account = Audit.newAccount();
        String first = Exports.start(account, Map.of("type", "audit-log"));
        String second = Exports.start(account, Map.of("type", "staff-access"));
        Exports.await(account, first, "COMPLETED");
        Exports.await(account, second, "COMPLETED");

        Drained after = drainUntil(start, account, 2);
        List<Map<String, Object>> mine = mine(after, account);
        assertEquals(2, mine.size());
        assertEquals(List.of(first, second).stream().sorted().toList(),
                mine.stream().map(r -> (String) r.get("jobId")).sorted().toList());
        assertEquals("admin@" + account + ".example", mine.get(0).get("requesterEmail"));
        assertEquals("/api/v1/exports/" + mine.get(0).get("jobId"), mine.get(0).get("download"));
        // Only this account's records: other tests of this run complete reports of their own meanwhile.
        assertEquals(List.of(), mine(drain(after.position), account), "nothing twice");
    }

    /** Pages follow transaction id order, not its text: "100" sorts before "99" as text. */
    @Test
    void pagesFollowTransactionOrderAcrossAPowerOfTen() throws Exception {
        String account = Audit.newAccount();
        List<String> jobs = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO export.export_ready (job_id, account_id, requested_by, tx_id)
                        VALUES (?, ?, 'u-1', (?::text)::xid8)""")) {
            // Transaction ids long finished in any cluster (ordinary ids start at 3), across a power of ten.
            for (long txId : new long[] { 99, 100, 101 }) {
                UUID job = UUID.randomUUID();
                jobs.add(job.toString());
                insert.setObject(1, job);
                insert.setString(2, account);
                insert.setLong(3, txId);
                insert.executeUpdate();
            }
        }
        List<Object> seen = new ArrayList<>();
        String position = new FeedPosition("98", Long.MAX_VALUE).encode();
        for (int page = 0; page < 100 && seen.size() < 3; page++) {
            JsonPath body = given().auth().oauth2(feedToken()).queryParam("after", position).queryParam("limit", 1)
                    .get("/internal/v1/export-ready").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            if (items.isEmpty()) {
                break;
            }
            items.stream().filter(r -> account.equals(r.get("accountId"))).forEach(r -> seen.add(r.get("jobId")));
            position = body.getString("next");
        }
        assertEquals(jobs, seen);
    }

    /**
     * A feed consumer's open write transaction (it carries the consumers' mark) does not hold this feed back: a
     * record committed while it runs is served. Below pg_snapshot_xmin, as this feed was read before migration V6,
     * it waited for the consumer's commit, which comes only after the wait here, so the test failed. An open
     * transaction without the mark that has taken an id might still write a record: it holds the feed back.
     */
    @Test
    void aConsumersOpenTransactionDoesNotHoldTheFeedBack() throws Exception {
        String account = Audit.newAccount();
        String position = drain(null).position;
        try (Connection consumer = database.getConnection()) {
            consumer.setAutoCommit(false);
            consumer.createStatement().execute("SELECT " + FeedPositions.MARK + ", pg_current_xact_id()");
            String beside = insertReady(account);
            Drained served = drainUntil(position, account, 1);
            assertEquals(List.of(beside), jobIds(mine(served, account)));

            try (Connection writer = database.getConnection()) {
                writer.setAutoCommit(false);
                writer.createStatement().execute("SELECT pg_current_xact_id()");
                String behind = insertReady(account);
                assertEquals(List.of(), mine(drain(served.position), account),
                        "an open transaction without the mark may still write records: it holds the feed back");
                writer.commit();
                assertEquals(List.of(behind), jobIds(mine(drainUntil(served.position, account, 1), account)));
            }
            consumer.commit();
        }
    }

    /** A record written and committed on a connection of its own, as the worker's completion writes it. */
    private String insertReady(String account) throws Exception {
        UUID job = UUID.randomUUID();
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO export.export_ready (job_id, account_id, requested_by) VALUES (?, ?, 'u-1')")) {
            insert.setObject(1, job);
            insert.setString(2, account);
            insert.executeUpdate();
        }
        return job.toString();
    }

    /**
     * Drains from {@code position} until {@code count} of the account's records were served, for at most 30 s:
     * another session's transaction elsewhere in the cluster may hold the horizon back a while (it lags, never
     * skips).
     */
    private static Drained drainUntil(String position, String account, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Drained drained = drain(position);
        while (mine(drained, account).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(200);
            drained = drain(position);
        }
        return drained;
    }

    private static List<Object> jobIds(List<Map<String, Object>> records) {
        return records.stream().map(r -> r.get("jobId")).toList();
    }

    @Test
    void theFeedIsForServiceConsumersOnly() {
        given().get("/internal/v1/export-ready").then().statusCode(401);
        given().auth().oauth2(Audit.admin(Audit.newAccount())).get("/internal/v1/export-ready").then().statusCode(403);
        given().auth().oauth2(feedToken()).queryParam("after", "nope").get("/internal/v1/export-ready").then()
                .statusCode(400).body("errors[0].field", equalTo("after"));
        given().auth().oauth2(feedToken()).queryParam("limit", "0").get("/internal/v1/export-ready").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    record Drained(String position, List<Map<String, Object>> items) {
    }

    private static List<Map<String, Object>> mine(Drained drained, String account) {
        return drained.items.stream().filter(r -> account.equals(r.get("accountId"))).toList();
    }

    private static Drained drain(String position) {
        List<Map<String, Object>> items = new ArrayList<>();
        while (true) {
            Map<String, Object> query = new HashMap<>(Map.of("limit", 1000));
            if (position != null) {
                query.put("after", position);
            }
            JsonPath page = given().auth().oauth2(feedToken()).queryParams(query).get("/internal/v1/export-ready")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> got = page.getList("items");
            position = page.getString("next");
            if (got.isEmpty()) {
                return new Drained(position, items);
            }
            items.addAll(got);
        }
    }
}
