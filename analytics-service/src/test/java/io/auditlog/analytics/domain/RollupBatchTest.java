package io.auditlog.analytics.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;


class RollupBatchTest {

    private static final Instant AT = Instant.parse("2026-11-01T18:44:59.999Z");

    @Test
    void sumsAPageIntoOneRowPerKeyAndBucket() {
        RollupBatch batch = RollupBatch.of(List.of(
                new FeedEvent("a", AT, "LOGIN", "LOGIN_FAILED", "LOGIN", "u-1", "ann@example.com", null, null),
                new FeedEvent("a", AT.minusSeconds(900), "LOGIN", "LOGIN_FAILED", "LOGIN", "u-1", null, null, null),
                new FeedEvent("b", AT, "LOGIN", "LOGIN_FAILED", "LOGIN", "u-1", null, null, null)));

        Map<RollupBatch.ActivityKey, Long> hours = batch.activity(Resolution.HOUR);
        assertEquals(2L, hours.get(new RollupBatch.ActivityKey("a", Instant.parse("2026-11-01T18:00:00Z"), "LOGIN",
                "LOGIN_FAILED", "LOGIN", "")));
        assertEquals(2, hours.size(), "one row per account");
        assertArrayEquals(new long[] { 2, 0, 0, 0 }, batch.summary(Resolution.HOUR)
                .get(new RollupBatch.SummaryKey("a", Instant.parse("2026-11-01T18:00:00Z"))), "two logins");
        Map<RollupBatch.ActivityKey, Long> quarters = batch.activity(Resolution.QUARTER);
        assertEquals(1L, quarters.get(new RollupBatch.ActivityKey("a", Instant.parse("2026-11-01T18:30:00Z"), "LOGIN",
                "LOGIN_FAILED", "LOGIN", "")));
        assertEquals(1L, quarters.get(new RollupBatch.ActivityKey("a", Instant.parse("2026-11-01T18:15:00Z"), "LOGIN",
                "LOGIN_FAILED", "LOGIN", "")));
    }

    @Test
    void countsAnActorOnceUnderBothItsNames() {
        RollupBatch batch = RollupBatch.of(List.of(
                new FeedEvent("a", AT, "CRM_OBJECT", null, "DELETE", "u-1", "ann@example.com", "DEAL", "d-1"),
                new FeedEvent("a", AT, "CRM_OBJECT", null, "DELETE", null, "cy@example.com", "DEAL", null),
                new FeedEvent("a", AT, "CRM_OBJECT", null, "DELETE", null, null, null, null)));

        assertEquals(0, batch.actors(Resolution.HOUR).size(), "actors are kept per quarter hour only");
        Map<RollupBatch.ActorKey, Long> actors = batch.actors(Resolution.QUARTER);
        Instant hour = Instant.parse("2026-11-01T18:30:00Z");
        assertEquals(2, actors.size(), "one row per event with an actor, naming its id and its email");
        assertEquals(1L, actors.get(new RollupBatch.ActorKey("a", "u-1", "ann@example.com", hour, "CRM_OBJECT", "",
                "DELETE", "DEAL")));
        assertEquals(1L, actors.get(new RollupBatch.ActorKey("a", "cy@example.com", "", hour, "CRM_OBJECT", "",
                "DELETE", "DEAL")), "an email that is the actor's only name is not repeated");
        assertEquals(1, batch.objects(Resolution.QUARTER).size(), "only an object with both type and id");
        assertEquals(3L, batch.breakdown(Resolution.HOUR).get(new RollupBatch.BreakdownKey("a", "action",
                Instant.parse("2026-11-01T18:00:00Z"), "DELETE")));
        assertEquals(2L, batch.breakdown(Resolution.HOUR).get(new RollupBatch.BreakdownKey("a", "object-type",
                Instant.parse("2026-11-01T18:00:00Z"), "DEAL")), "two of the three name an object type");
        assertArrayEquals(new long[] { 0, 3, 0, 0 }, batch.summary(Resolution.HOUR)
                .get(new RollupBatch.SummaryKey("a", Instant.parse("2026-11-01T18:00:00Z"))), "three deletions");
    }

    @Test
    void aLoginWithoutOutcomeCountsAsALoginButNotInTheLoginTrend() {
        RollupBatch batch = RollupBatch.of(List.of(new FeedEvent("a", AT, "LOGIN", null, "LOGIN", null, null, null,
                null)));
        Instant hour = Instant.parse("2026-11-01T18:00:00Z");
        assertArrayEquals(new long[] { 1, 0, 0, 0 }, batch.summary(Resolution.HOUR)
                .get(new RollupBatch.SummaryKey("a", hour)));
        assertEquals(1L, batch.breakdown(Resolution.HOUR).get(new RollupBatch.BreakdownKey("a", "category", hour,
                "LOGIN")));
        assertEquals(2, batch.breakdown(Resolution.HOUR).size(), "category and action; no login outcome");
    }
}
