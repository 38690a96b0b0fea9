package io.auditlog.analytics.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * The rollup changes of one feed page, summed in memory first, so that each table gets one upsert statement per
 * page and no key appears twice in it (ON CONFLICT may touch a row only once per statement). Each key type has
 * its table's primary key order ({@code KEY_ORDER}, Java's string order standing in for collation "C": close
 * enough for locality), in which the rows are written, so that consecutive rows fall on the same index pages. The
 * orders compare the fields by hand: chained Comparator.comparing lambdas (a call per field through lambdas shared
 * by every key type, which the JIT cannot inline) were a third of the consumer's CPU samples in a catch-up (JFR).
 */
public final class RollupBatch {

    /** The category of the log's own records of its reads. */
    public static final String LOG_ACCESS = "AUDIT_LOG";

    /** One row of activity_*: what the summary and the series count by. */
    public record ActivityKey(String accountId, Instant bucket, String category, String subcategory, String action,
            String objectType) {
        public static final Comparator<ActivityKey> KEY_ORDER = (a, b) -> {
            int c = a.accountId.compareTo(b.accountId);
            c = c != 0 ? c : a.bucket.compareTo(b.bucket);
            c = c != 0 ? c : a.category.compareTo(b.category);
            c = c != 0 ? c : a.subcategory.compareTo(b.subcategory);
            c = c != 0 ? c : a.action.compareTo(b.action);
            return c != 0 ? c : a.objectType.compareTo(b.objectType);
        };
    }

    /**
     * One row of actor_*: the activity key per actor, named by its id (or its email when it has none) and by its
     * email when that differs ('' otherwise; see the schema).
     */
    public record ActorKey(String accountId, String actor, String actorEmail, Instant bucket, String category,
            String subcategory, String action, String objectType) {
        public static final Comparator<ActorKey> KEY_ORDER = (a, b) -> {
            int c = a.accountId.compareTo(b.accountId);
            c = c != 0 ? c : a.actor.compareTo(b.actor);
            c = c != 0 ? c : a.bucket.compareTo(b.bucket);
            c = c != 0 ? c : a.actorEmail.compareTo(b.actorEmail);
            c = c != 0 ? c : a.category.compareTo(b.category);
            c = c != 0 ? c : a.subcategory.compareTo(b.subcategory);
            c = c != 0 ? c : a.action.compareTo(b.action);
            return c != 0 ? c : a.objectType.compareTo(b.objectType);
        };
    }

    /** One row of object_*. */
    public record ObjectKey(String accountId, Instant bucket, String objectType, String objectId) {
        public static final Comparator<ObjectKey> KEY_ORDER = (a, b) -> {
            int c = a.accountId.compareTo(b.accountId);
            c = c != 0 ? c : a.bucket.compareTo(b.bucket);
            c = c != 0 ? c : a.objectType.compareTo(b.objectType);
            return c != 0 ? c : a.objectId.compareTo(b.objectId);
        };
    }

    /** One row of breakdown_*: a series dimension's value. */
    public record BreakdownKey(String accountId, String dimension, Instant bucket, String key) {
        public static final Comparator<BreakdownKey> KEY_ORDER = (a, b) -> {
            int c = a.accountId.compareTo(b.accountId);
            c = c != 0 ? c : a.dimension.compareTo(b.dimension);
            c = c != 0 ? c : a.bucket.compareTo(b.bucket);
            return c != 0 ? c : a.key.compareTo(b.key);
        };
    }

    /** One row of summary_*: its counts are per {@link Measure}, in declaration order. */
    public record SummaryKey(String accountId, Instant bucket) {
        public static final Comparator<SummaryKey> KEY_ORDER = (a, b) -> {
            int c = a.accountId.compareTo(b.accountId);
            return c != 0 ? c : a.bucket.compareTo(b.bucket);
        };
    }

    private final Map<Resolution, Map<ActivityKey, Long>> activity = new EnumMap<>(Resolution.class);
    private final Map<Resolution, Map<ActorKey, Long>> actors = new EnumMap<>(Resolution.class);
    private final Map<Resolution, Map<ObjectKey, Long>> objects = new EnumMap<>(Resolution.class);
    private final Map<Resolution, Map<SummaryKey, long[]>> summary = new EnumMap<>(Resolution.class);
    private final Map<Resolution, Map<BreakdownKey, Long>> breakdown = new EnumMap<>(Resolution.class);

    private RollupBatch() {
        for (Resolution resolution : Resolution.values()) {
            activity.put(resolution, new HashMap<>());
            actors.put(resolution, new HashMap<>());
            objects.put(resolution, new HashMap<>());
            summary.put(resolution, new HashMap<>());
            breakdown.put(resolution, new HashMap<>());
        }
    }

    /**
     * The rollups of a page of the feed. The log's own records (category AUDIT_LOG: who searched the log, opened an
     * entry, viewed these dashboards) are consumed but not counted: the Analyze tab shows the product's activity,
     * and looking at it must not change it (docs/architecture.md, "Who looked at the log").
     */
    public static RollupBatch of(List<FeedEvent> events) {
        RollupBatch batch = new RollupBatch();
        for (FeedEvent event : events) {
            if (LOG_ACCESS.equals(event.category())) {
                continue;
            }
            for (Resolution resolution : Resolution.values()) {
                batch.add(resolution, event);
            }
        }
        return batch;
    }

    private void add(Resolution resolution, FeedEvent e) {
        Instant bucket = resolution.bucketOf(e.occurredAt());
        // Only the login outcome is ever asked for (see the schema); other subcategories would only add rows.
        String subcategory = "LOGIN".equals(e.category()) ? orEmpty(e.subcategory()) : "";
        String objectType = orEmpty(e.objectType());
        activity.get(resolution).merge(new ActivityKey(e.accountId(), bucket, e.category(), subcategory, e.action(),
                objectType), 1L, Long::sum);
        if (resolution == Resolution.HOUR) {
            // Summary and breakdown per hour only: a cut hour's quarters are read from activity_quarter.
            for (Measure measure : Measure.values()) {
                if (measure.counts(e)) {
                    summary.get(resolution).computeIfAbsent(new SummaryKey(e.accountId(), bucket),
                            k -> new long[Measure.values().length])[measure.ordinal()]++;
                }
            }
            for (GroupBy groupBy : GroupBy.values()) {
                String key = groupBy.keyOf(e);
                if (key != null) {
                    breakdown.get(resolution).merge(new BreakdownKey(e.accountId(), groupBy.id(), bucket, key), 1L,
                            Long::sum);
                }
            }
            return; // actors and objects are kept per quarter hour only (see the schema)
        }
        // The log's actor filter matches actor id or actor email: one row names both, and is read under each.
        String primary = present(e.actorId()) ? e.actorId() : present(e.actorEmail()) ? e.actorEmail() : null;
        if (primary != null) {
            String email = present(e.actorEmail()) && !e.actorEmail().equals(primary) ? e.actorEmail() : "";
            actors.get(resolution).merge(new ActorKey(e.accountId(), primary, email, bucket, e.category(), subcategory,
                    e.action(), objectType), 1L, Long::sum);
        }
        if (present(e.objectType()) && present(e.objectId())) {
            objects.get(resolution).merge(new ObjectKey(e.accountId(), bucket, e.objectType(), e.objectId()), 1L,
                    Long::sum);
        }
    }

    public Map<ActivityKey, Long> activity(Resolution resolution) {
        return activity.get(resolution);
    }

    public Map<ActorKey, Long> actors(Resolution resolution) {
        return actors.get(resolution);
    }

    public Map<ObjectKey, Long> objects(Resolution resolution) {
        return objects.get(resolution);
    }

    public Map<BreakdownKey, Long> breakdown(Resolution resolution) {
        return breakdown.get(resolution);
    }

    public Map<SummaryKey, long[]> summary(Resolution resolution) {
        return summary.get(resolution);
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
