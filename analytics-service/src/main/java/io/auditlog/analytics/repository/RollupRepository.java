package io.auditlog.analytics.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.domain.Measure;
import io.auditlog.analytics.domain.Resolution;
import io.auditlog.analytics.domain.RollupBatch;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Adds a batch's counts to the rollups, one multi-row upsert per rollup table and resolution, inside the caller's
 * transaction: the feed engine's, which has locked and advanced the feed position in it, so the counts and the
 * position commit together (a crash before the commit loses both; a page read twice, or by a replica that lost the
 * race, is never applied).
 */
@ApplicationScoped
public class RollupRepository {

    private static final String ACTIVITY = "INSERT INTO %s AS t"
            + " (account_id, bucket, category, subcategory, action, object_type, events)"
            + " SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[],"
            + " $7::bigint[]) ON CONFLICT (account_id, bucket, category, subcategory, action, object_type)"
            + " DO UPDATE SET events = t.events + excluded.events";

    private static final String ACTOR = "INSERT INTO %s AS t"
            + " (account_id, actor, actor_email, bucket, category, subcategory, action, object_type, events)"
            + " SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[],"
            + " $6::text[], $7::text[], $8::text[], $9::bigint[])"
            + " ON CONFLICT (account_id, actor, bucket, actor_email, category, subcategory, action, object_type)"
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

    /** Adds the batch's counts to every rollup. */
    public Uni<Void> add(SqlConnection connection, RollupBatch batch) {
        Uni<Void> writes = Uni.createFrom().voidItem();
        for (Resolution resolution : Resolution.values()) {
            writes = writes.chain(() -> summary(connection, resolution, batch.summary(resolution)))
                    .chain(() -> breakdown(connection, resolution, batch.breakdown(resolution)))
                    .chain(() -> activity(connection, resolution, batch.activity(resolution)))
                    .chain(() -> actors(connection, resolution, batch.actors(resolution)))
                    .chain(() -> objects(connection, resolution, batch.objects(resolution)));
        }
        return writes;
    }

    private static Uni<Void> activity(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.ActivityKey, Long> rows) {
        List<Map.Entry<RollupBatch.ActivityKey, Long>> r = inKeyOrder(rows, RollupBatch.ActivityKey.KEY_ORDER);
        return upsert(connection, ACTIVITY.formatted(resolution.table("activity")), r.isEmpty(), List.of(
                column(r, e -> e.getKey().accountId(), String[]::new),
                column(r, e -> utc(e.getKey().bucket()), OffsetDateTime[]::new),
                column(r, e -> e.getKey().category(), String[]::new),
                column(r, e -> e.getKey().subcategory(), String[]::new),
                column(r, e -> e.getKey().action(), String[]::new),
                column(r, e -> e.getKey().objectType(), String[]::new),
                column(r, Map.Entry::getValue, Long[]::new)));
    }

    private static Uni<Void> summary(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.SummaryKey, long[]> rows) {
        List<Map.Entry<RollupBatch.SummaryKey, long[]>> r = inKeyOrder(rows, RollupBatch.SummaryKey.KEY_ORDER);
        List<Object> columns = new ArrayList<>(List.of(
                column(r, e -> e.getKey().accountId(), String[]::new),
                column(r, e -> utc(e.getKey().bucket()), OffsetDateTime[]::new)));
        for (Measure measure : Measure.values()) {
            columns.add(column(r, e -> e.getValue()[measure.ordinal()], Long[]::new));
        }
        return upsert(connection, SUMMARY.formatted(resolution.table("summary")), r.isEmpty(), columns);
    }

    private static Uni<Void> breakdown(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.BreakdownKey, Long> rows) {
        List<Map.Entry<RollupBatch.BreakdownKey, Long>> r = inKeyOrder(rows, RollupBatch.BreakdownKey.KEY_ORDER);
        return upsert(connection, BREAKDOWN.formatted(resolution.table("breakdown")), r.isEmpty(), List.of(
                column(r, e -> e.getKey().accountId(), String[]::new),
                column(r, e -> e.getKey().dimension(), String[]::new),
                column(r, e -> utc(e.getKey().bucket()), OffsetDateTime[]::new),
                column(r, e -> e.getKey().key(), String[]::new),
                column(r, Map.Entry::getValue, Long[]::new)));
    }

    private static Uni<Void> actors(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.ActorKey, Long> rows) {
        List<Map.Entry<RollupBatch.ActorKey, Long>> r = inKeyOrder(rows, RollupBatch.ActorKey.KEY_ORDER);
        return upsert(connection, ACTOR.formatted(resolution.table("actor")), r.isEmpty(), List.of(
                column(r, e -> e.getKey().accountId(), String[]::new),
                column(r, e -> e.getKey().actor(), String[]::new),
                column(r, e -> e.getKey().actorEmail(), String[]::new),
                column(r, e -> utc(e.getKey().bucket()), OffsetDateTime[]::new),
                column(r, e -> e.getKey().category(), String[]::new),
                column(r, e -> e.getKey().subcategory(), String[]::new),
                column(r, e -> e.getKey().action(), String[]::new),
                column(r, e -> e.getKey().objectType(), String[]::new),
                column(r, Map.Entry::getValue, Long[]::new)));
    }

    private static Uni<Void> objects(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.ObjectKey, Long> rows) {
        List<Map.Entry<RollupBatch.ObjectKey, Long>> r = inKeyOrder(rows, RollupBatch.ObjectKey.KEY_ORDER);
        return upsert(connection, OBJECT.formatted(resolution.table("object")), r.isEmpty(), List.of(
                column(r, e -> e.getKey().accountId(), String[]::new),
                column(r, e -> utc(e.getKey().bucket()), OffsetDateTime[]::new),
                column(r, e -> e.getKey().objectType(), String[]::new),
                column(r, e -> e.getKey().objectId(), String[]::new),
                column(r, Map.Entry::getValue, Long[]::new)));
    }

    /** The rows in their table's key order: each row's index descent then starts where the last one ended. */
    private static <K, V> List<Map.Entry<K, V>> inKeyOrder(Map<K, V> rows, Comparator<K> order) {
        List<Map.Entry<K, V>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(Map.Entry.comparingByKey(order));
        return sorted;
    }

    /** One column of the rows as the typed array the statement's unnest casts it from. */
    private static <E, T> T[] column(List<E> rows, Function<E, T> value, IntFunction<T[]> newArray) {
        T[] column = newArray.apply(rows.size());
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    private static OffsetDateTime utc(Instant bucket) {
        return bucket.atOffset(ZoneOffset.UTC);
    }

    /** Runs one multi-row upsert; a table with no rows in this page is left alone. */
    private static Uni<Void> upsert(SqlConnection connection, String sql, boolean nothing, List<Object> columns) {
        return nothing ? Uni.createFrom().voidItem() : execute(connection, sql, columns);
    }

    private static Uni<Void> execute(SqlConnection connection, String sql, List<Object> arrays) {
        Tuple params = Tuple.tuple(new ArrayList<>(arrays));
        return connection.preparedQuery(sql).execute(params).replaceWithVoid();
    }
}
