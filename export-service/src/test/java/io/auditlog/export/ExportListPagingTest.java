package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.export.support.Audit;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The list of an account's reports pages with the opaque cursor like every other list ({@code cursor=}, and
 * {@code nextCursor} in the page, null on the last one), newest first, and loses no job at a page boundary between
 * jobs created in the same microsecond.
 */
@QuarkusTest
class ExportListPagingTest {

    @Inject
    AgroalDataSource database;

    @Test
    void jobsCreatedInTheSameMicrosecondPageWithoutLossOrRepeat() throws Exception {
        String account = Audit.newAccount();
        Instant tied = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            jobs.add(new Job(UUID.randomUUID(), tied));
        }
        jobs.add(new Job(UUID.randomUUID(), tied.plusNanos(1_000)));
        jobs.add(new Job(UUID.randomUUID(), tied.minusNanos(1_000)));
        jobs.add(new Job(UUID.randomUUID(), tied.minus(1, ChronoUnit.MINUTES)));
        insert(account, jobs);
        // Newest first; within one time by id, as PostgreSQL orders uuids (byte order, which is the text's order).
        List<String> expected = jobs.stream().sorted(Comparator.comparing(Job::createdAt)
                .thenComparing(job -> job.id().toString()).reversed()).map(job -> job.id().toString()).toList();

        for (int limit : new int[] { 1, 5, 7, 26, 100 }) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = given().auth().oauth2(Audit.admin(account)).queryParam("limit", limit);
                if (cursor != null) {
                    request = request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/api/v1/exports").then().statusCode(200).extract().jsonPath();
                List<String> ids = page.getList("items.id", String.class);
                assertEquals(true, ids.size() <= limit, "at most the limit");
                seen.addAll(ids);
                cursor = page.getString("nextCursor");
                pages++;
            } while (cursor != null && pages < 100);
            assertEquals(expected, seen, "limit " + limit + ": every job once, newest first");
            assertEquals(seen.size(), new HashSet<>(seen).size(), "nothing twice");
            assertEquals((expected.size() + limit - 1) / limit, pages, "no empty last page");
        }
    }

    @Test
    void theLastPageHasNoCursorAndBeforeIsRefused() {
        String account = Audit.newAccount();
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0)).body("nextCursor", nullValue());
        String message = given().auth().oauth2(Audit.admin(account)).queryParam("before", Instant.now().toString())
                .get("/api/v1/exports").then().statusCode(400).extract().path("errors[0].reason");
        assertEquals(true, message.contains("cursor"), message);
    }

    record Job(UUID id, Instant createdAt) {
    }

    /** Jobs that already failed, so that no worker picks them up; created at the times given. */
    private void insert(String account, List<Job> jobs) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO export.job (id, account_id, requested_by, type, format, query, from_ts, to_ts, time_zone,
                                        status, failure, created_at)
                VALUES (?, ?, 'u-1', 'AUDIT_LOG', 'CSV', '{}', now() - interval '1 day', now(), 'UTC', 'FAILED',
                        'test job', ?)""")) {
            for (Job job : jobs) {
                insert.setObject(1, job.id());
                insert.setString(2, account);
                insert.setObject(3, job.createdAt().atOffset(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
