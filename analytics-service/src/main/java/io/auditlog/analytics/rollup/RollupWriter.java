package io.auditlog.analytics.rollup;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.domain.FeedPage;
import io.auditlog.analytics.domain.Measure;
import io.auditlog.analytics.domain.Resolution;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies one feed page to the rollups inside the caller's transaction. The position moves first, and only from
 * the position the page was read after: a page applied twice, or read by a replica that lost the race, changes
 * nothing, and since the position commits with the counts, a crash before the commit loses both together.
 */
@ApplicationScoped
public class RollupWriter {

    private static final String ADVANCE = "UPDATE analytics.feed_position SET position = $2,"
            + " events_applied = events_applied + $3, updated_at = now() WHERE id = 1 AND position = $1";

    private static final String ACTIVITY = "INSERT INTO %s AS t"
            + " (account_id, bucket, category, subcategory, action, object_type, events)"
            + " SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[],"
            + " $7::bigint[]) ON CONFLICT (account_id, bucket, category, subcategory, action, object_type)"
            + " DO UPDATE SET events = t.events + excluded.events";

    private static final String ACTOR = "INSERT INTO %s AS t"
            + " (account_id, actor, is_primary, bucket, category, subcategory, action, object_type, events)"
            + " SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[], $4::timestamptz[], $5::text[],"
            + " $6::text[], $7::text[], $8::text[], $9::bigint[])"
            + " ON CONFLICT (account_id, actor, bucket, is_primary, category, subcategory, action, object_type)"
            + " DO UPDATE SET events = t.events + excluded.events";

    private static final String SUMMARY = "INSERT INTO %s AS t"
            + " (account_id, bucket, logins, deletions, exports, reports)"
            + " SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[],"
            + " $6::bigint[]) ON CONFLICT (account_id, bucket) DO UPDATE SET logins = t.logins + excluded.logins,"
            + " deletions = t.deletions + excluded.deletions, exports = t.exports + excluded.exports,"
            + " reports = t.reports + excluded.reports";

    private static final String BREAKDOWN = "INSERT INTO %s AS t (account_id, dimension, bucket, key, events)"
            + " SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::bigint[])"
            + " ON CONFLICT (account_id, dimension, bucket, key) DO UPDATE SET events = t.events + excluded.events";

    private static final String OBJECT = "INSERT INTO %s AS t (account_id, bucket, object_type, object_id, events)"
            + " SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[])"
            + " ON CONFLICT (account_id, bucket, object_type, object_id)"
            + " DO UPDATE SET events = t.events + excluded.events";

    /** True when the page was applied; false when the stored position is no longer the one it was read after. */
    public Uni<Boolean> apply(SqlConnection connection, FeedPage page) {
        return connection.preparedQuery(ADVANCE).execute(Tuple.of(page.after(), page.next(),
                (long) page.events().size())).chain(advanced -> {
                    if (advanced.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    RollupBatch batch = RollupBatch.of(page.events());
                    Uni<Void> writes = Uni.createFrom().voidItem();
                    for (Resolution resolution : Resolution.values()) {
                        writes = writes.chain(() -> summary(connection, resolution, batch.summary(resolution)))
                                .chain(() -> breakdown(connection, resolution, batch.breakdown(resolution)))
                                .chain(() -> activity(connection, resolution, batch.activity(resolution)))
                                .chain(() -> actors(connection, resolution, batch.actors(resolution)))
                                .chain(() -> objects(connection, resolution, batch.objects(resolution)));
                    }
                    return writes.replaceWith(true);
                });
    }

    private static Uni<Void> activity(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.ActivityKey, Long> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] accounts = new String[n], categories = new String[n], subcategories = new String[n],
                actions = new String[n], objectTypes = new String[n];
        OffsetDateTime[] buckets = new OffsetDateTime[n];
        Long[] events = new Long[n];
        int i = 0;
        for (Map.Entry<RollupBatch.ActivityKey, Long> row : rows.entrySet()) {
            RollupBatch.ActivityKey k = row.getKey();
            accounts[i] = k.accountId();
            buckets[i] = k.bucket().atOffset(ZoneOffset.UTC);
            categories[i] = k.category();
            subcategories[i] = k.subcategory();
            actions[i] = k.action();
            objectTypes[i] = k.objectType();
            events[i++] = row.getValue();
        }
        return execute(connection, ACTIVITY.formatted(resolution.table("activity")),
                List.of(accounts, buckets, categories, subcategories, actions, objectTypes, events));
    }

    private static Uni<Void> summary(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.SummaryKey, long[]> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] accounts = new String[n];
        OffsetDateTime[] buckets = new OffsetDateTime[n];
        Long[][] measures = new Long[Measure.values().length][n];
        int i = 0;
        for (Map.Entry<RollupBatch.SummaryKey, long[]> row : rows.entrySet()) {
            accounts[i] = row.getKey().accountId();
            buckets[i] = row.getKey().bucket().atOffset(ZoneOffset.UTC);
            for (Measure measure : Measure.values()) {
                measures[measure.ordinal()][i] = row.getValue()[measure.ordinal()];
            }
            i++;
        }
        List<Object> arrays = new ArrayList<>(List.of(accounts, buckets));
        arrays.addAll(Arrays.asList(measures));
        return execute(connection, SUMMARY.formatted(resolution.table("summary")), arrays);
    }

    private static Uni<Void> breakdown(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.BreakdownKey, Long> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] accounts = new String[n], dimensions = new String[n], keys = new String[n];
        OffsetDateTime[] buckets = new OffsetDateTime[n];
        Long[] events = new Long[n];
        int i = 0;
        for (Map.Entry<RollupBatch.BreakdownKey, Long> row : rows.entrySet()) {
            RollupBatch.BreakdownKey k = row.getKey();
            accounts[i] = k.accountId();
            dimensions[i] = k.dimension();
            buckets[i] = k.bucket().atOffset(ZoneOffset.UTC);
            keys[i] = k.key();
            events[i++] = row.getValue();
        }
        return execute(connection, BREAKDOWN.formatted(resolution.table("breakdown")),
                List.of(accounts, dimensions, buckets, keys, events));
    }

    private static Uni<Void> actors(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.ActorKey, Long> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] accounts = new String[n], actors = new String[n], categories = new String[n],
                subcategories = new String[n], actions = new String[n], objectTypes = new String[n];
        Boolean[] primary = new Boolean[n];
        OffsetDateTime[] buckets = new OffsetDateTime[n];
        Long[] events = new Long[n];
        int i = 0;
        for (Map.Entry<RollupBatch.ActorKey, Long> row : rows.entrySet()) {
            RollupBatch.ActorKey k = row.getKey();
            accounts[i] = k.accountId();
            actors[i] = k.actor();
            primary[i] = k.primary();
            buckets[i] = k.bucket().atOffset(ZoneOffset.UTC);
            categories[i] = k.category();
            subcategories[i] = k.subcategory();
            actions[i] = k.action();
            objectTypes[i] = k.objectType();
            events[i++] = row.getValue();
        }
        return execute(connection, ACTOR.formatted(resolution.table("actor")),
                List.of(accounts, actors, primary, buckets, categories, subcategories, actions, objectTypes, events));
    }

    private static Uni<Void> objects(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.ObjectKey, Long> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = rows.size();
        String[] accounts = new String[n], types = new String[n], ids = new String[n];
        OffsetDateTime[] buckets = new OffsetDateTime[n];
        Long[] events = new Long[n];
        int i = 0;
        for (Map.Entry<RollupBatch.ObjectKey, Long> row : rows.entrySet()) {
            RollupBatch.ObjectKey k = row.getKey();
            accounts[i] = k.accountId();
            buckets[i] = k.bucket().atOffset(ZoneOffset.UTC);
            types[i] = k.objectType();
            ids[i] = k.objectId();
            events[i++] = row.getValue();
        }
        return execute(connection, OBJECT.formatted(resolution.table("object")),
                List.of(accounts, buckets, types, ids, events));
    }

    private static Uni<Void> execute(SqlConnection connection, String sql, List<Object> arrays) {
        Tuple params = Tuple.tuple(new ArrayList<>(arrays));
        return connection.preparedQuery(sql).execute(params).replaceWithVoid();
    }
}
