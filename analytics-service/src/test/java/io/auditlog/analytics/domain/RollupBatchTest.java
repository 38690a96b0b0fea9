package io.auditlog.analytics.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;


class RollupBatchTest {

    /**
     * Each key type's order is its table's primary key order, field by field, as the schema lists the key's columns
     * (checked against a reference built from that list): on keys drawn from two values per field, so that pairs
     * tie on every prefix of the fields.
     */
    @Test
    void eachKeyOrderIsItsTablesPrimaryKeyOrder() {
        Random random = new Random(42);
        Function<Random, String> text = r -> r.nextBoolean() ? "a" : "b";
        Function<Random, Instant> bucket = r -> r.nextBoolean() ? AT : AT.plusSeconds(900);
        assertSameOrder(random, RollupBatch.ActivityKey.KEY_ORDER,
                r -> new RollupBatch.ActivityKey(text.apply(r), bucket.apply(r), text.apply(r), text.apply(r),
                        text.apply(r), text.apply(r)),
                Comparator.comparing(RollupBatch.ActivityKey::accountId).thenComparing(RollupBatch.ActivityKey::bucket)
                        .thenComparing(RollupBatch.ActivityKey::category)
                        .thenComparing(RollupBatch.ActivityKey::subcategory)
                        .thenComparing(RollupBatch.ActivityKey::action)
                        .thenComparing(RollupBatch.ActivityKey::objectType));
        assertSameOrder(random, RollupBatch.ActorKey.KEY_ORDER,
                r -> new RollupBatch.ActorKey(text.apply(r), text.apply(r), text.apply(r), bucket.apply(r),
                        text.apply(r), text.apply(r), text.apply(r), text.apply(r)),
                Comparator.comparing(RollupBatch.ActorKey::accountId).thenComparing(RollupBatch.ActorKey::actor)
                        .thenComparing(RollupBatch.ActorKey::bucket).thenComparing(RollupBatch.ActorKey::actorEmail)
                        .thenComparing(RollupBatch.ActorKey::category).thenComparing(RollupBatch.ActorKey::subcategory)
                        .thenComparing(RollupBatch.ActorKey::action).thenComparing(RollupBatch.ActorKey::objectType));
        assertSameOrder(random, RollupBatch.ObjectKey.KEY_ORDER,
                r -> new RollupBatch.ObjectKey(text.apply(r), bucket.apply(r), text.apply(r), text.apply(r)),
                Comparator.comparing(RollupBatch.ObjectKey::accountId).thenComparing(RollupBatch.ObjectKey::bucket)
                        .thenComparing(RollupBatch.ObjectKey::objectType)
                        .thenComparing(RollupBatch.ObjectKey::objectId));
        assertSameOrder(random, RollupBatch.BreakdownKey.KEY_ORDER,
                r -> new RollupBatch.BreakdownKey(text.apply(r), text.apply(r), bucket.apply(r), text.apply(r)),
                Comparator.comparing(RollupBatch.BreakdownKey::accountId)
                        .thenComparing(RollupBatch.BreakdownKey::dimension)
                        .thenComparing(RollupBatch.BreakdownKey::bucket).thenComparing(RollupBatch.BreakdownKey::key));
        assertSameOrder(random, RollupBatch.SummaryKey.KEY_ORDER,
                r -> new RollupBatch.SummaryKey(text.apply(r), bucket.apply(r)),
                Comparator.comparing(RollupBatch.SummaryKey::accountId).thenComparing(RollupBatch.SummaryKey::bucket));
    }

    private static <K> void assertSameOrder(Random random, Comparator<K> order, Function<Random, K> key,
            Comparator<K> reference) {
        for (int i = 0; i < 2_000; i++) {
            K a = key.apply(random);
            K b = key.apply(random);
            assertEquals(Integer.signum(reference.compare(a, b)), Integer.signum(order.compare(a, b)), a + " vs " + b);
        }
    }

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
