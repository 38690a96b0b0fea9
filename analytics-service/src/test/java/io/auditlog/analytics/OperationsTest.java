package io.auditlog.analytics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.DoublePredicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.analytics.feed.ConsumerLock;
import io.auditlog.analytics.support.Audit;
import io.auditlog.analytics.support.Dataset;
import io.auditlog.analytics.support.Rollups;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What an operator reads: the rollup metrics in /q/metrics (lag, events applied; rebuilds in ConsumerReplayTest) and
 * the OpenAPI document's statuses at /q/openapi.
 */
@QuarkusTest
class OperationsTest {

    /** Sampled every second in the tests: caught up, the lag stays well below this; held back, it passes it. */
    private static final double BEHIND_SECONDS = 3;

    @Inject
    Pool pool;
    @Inject
    ConsumerLock lock;

    @Test
    void eventsAppliedCountsEachEventOnce() throws Exception {
        JsonNode before = Rollups.awaitPosition(Rollups.feedAfter(Rollups.status().path("position").asText()).head());
        // The metric is sampled (analytics.metrics.sample-every, 1 s here): a sample taken after the position above
        // has counted what was applied just before (the log's own records of earlier tests' reads), so that those
        // are not taken for this test's.
        Thread.sleep(2_500);
        double counted = awaitMetric("analytics_rollup_events_applied_total", v -> true);
        String account = Audit.newAccount();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Dataset data = Dataset.of(31, now.minus(1, ChronoUnit.DAYS), now.minus(1, ChronoUnit.MINUTES), 23, List.of());
        Audit.record(account, data.events());

        Rollups.awaitPosition(Rollups.awaitFeed(before.path("position").asText(), data.events().size()).head());
        double after = awaitMetric("analytics_rollup_events_applied_total", v -> v >= counted + data.events().size());
        assertEquals(counted + data.events().size(), after, "each event counted once");
    }

    @Test
    void theLagGrowsWhileTheConsumerIsHeldBackAndEndsWhenItCatchesUp() throws Exception {
        awaitMetric("analytics_rollup_lag_seconds", lag -> lag < BEHIND_SECONDS);
        String account = Audit.newAccount();
        SqlConnection holder = pool.getConnection().await().indefinitely();
        try {
            // Another "replica" holds the consumer lock: the service's consumer leaves the new event alone.
            holder.begin().await().indefinitely();
            lock.lock(holder).await().indefinitely();
            Audit.record(account, List.of(Audit.event(Instant.now().minus(1, ChronoUnit.MINUTES), "LOGIN",
                    "LOGIN_SUCCEEDED", "LOGIN", "u-1", null, null, null)));
            double behind = awaitMetric("analytics_rollup_lag_seconds", lag -> lag >= BEHIND_SECONDS);
            assertTrue(behind >= BEHIND_SECONDS);
        } finally {
            holder.close().await().indefinitely();
        }
        double caughtUp = awaitMetric("analytics_rollup_lag_seconds", lag -> lag < BEHIND_SECONDS);
        assertTrue(caughtUp < BEHIND_SECONDS);
    }

    @Test
    void everyRollupMetricIsThereFromTheStart() {
        for (String name : List.of("analytics_rollup_lag_seconds", "analytics_rollup_events_applied_total",
                "analytics_rollup_rebuilds_total")) {
            assertTrue(Rollups.metric(name) >= 0, name);
        }
    }

    @Test
    void theOpenApiDocumentGivesTheRealStatuses() {
        JsonNode api = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .as(JsonNode.class);
        JsonNode paths = api.path("paths");
        JsonNode rebuild = paths.path("/internal/v1/analytics/rebuild").path("post").path("responses");
        assertTrue(rebuild.has("202"), "the rebuild answers 202: " + rebuild);
        assertFalse(rebuild.has("200"), "and not 200: " + rebuild);
        for (String dashboard : List.of("summary", "series", "top-actors", "top-objects")) {
            JsonNode responses = paths.path("/api/v1/analytics/" + dashboard).path("get").path("responses");
            for (String status : List.of("200", "400", "401", "403", "503")) {
                assertTrue(responses.has(status), dashboard + " documents " + status + ": " + responses);
            }
        }
        JsonNode status = paths.path("/internal/v1/analytics/status").path("get").path("responses");
        for (String code : List.of("200", "401", "403", "503")) {
            assertTrue(status.has(code), "status documents " + code + ": " + status);
        }
    }

    /** The metric once {@code reached} holds for it; sampled every second, so 30 s is a stall, not a slow machine. */
    private static double awaitMetric(String name, DoublePredicate reached) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double value = Rollups.metric(name);
        while (!reached.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            value = Rollups.metric(name);
        }
        assertTrue(reached.test(value), name + " stayed at " + value);
        return value;
    }
}
