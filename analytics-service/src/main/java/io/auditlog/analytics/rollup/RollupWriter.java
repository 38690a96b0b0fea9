package io.auditlog.analytics.rollup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

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
        List<Map.Entry<RollupBatch.ActivityKey, Long>> r = List.copyOf(rows.entrySet());
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
        List<Map.Entry<RollupBatch.SummaryKey, long[]>> r = List.copyOf(rows.entrySet());
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
        List<Map.Entry<RollupBatch.BreakdownKey, Long>> r = List.copyOf(rows.entrySet());
        return upsert(connection, BREAKDOWN.formatted(resolution.table("breakdown")), r.isEmpty(), List.of(
                column(r, e -> e.getKey().accountId(), String[]::new),
                column(r, e -> e.getKey().dimension(), String[]::new),
                column(r, e -> utc(e.getKey().bucket()), OffsetDateTime[]::new),
                column(r, e -> e.getKey().key(), String[]::new),
                column(r, Map.Entry::getValue, Long[]::new)));
    }

    private static Uni<Void> actors(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.ActorKey, Long> rows) {
        List<Map.Entry<RollupBatch.ActorKey, Long>> r = List.copyOf(rows.entrySet());
        return upsert(connection, ACTOR.formatted(resolution.table("actor")), r.isEmpty(), List.of(
                column(r, e -> e.getKey().accountId(), String[]::new),
                column(r, e -> e.getKey().actor(), String[]::new),
                column(r, e -> e.getKey().primary(), Boolean[]::new),
                column(r, e -> utc(e.getKey().bucket()), OffsetDateTime[]::new),
                column(r, e -> e.getKey().category(), String[]::new),
                column(r, e -> e.getKey().subcategory(), String[]::new),
                column(r, e -> e.getKey().action(), String[]::new),
                column(r, e -> e.getKey().objectType(), String[]::new),
                column(r, Map.Entry::getValue, Long[]::new)));
    }

    private static Uni<Void> objects(SqlConnection connection, Resolution resolution,
            Map<RollupBatch.ObjectKey, Long> rows) {
        List<Map.Entry<RollupBatch.ObjectKey, Long>> r = List.copyOf(rows.entrySet());
        return upsert(connection, OBJECT.formatted(resolution.table("object")), r.isEmpty(), List.of(
                column(r, e -> e.getKey().accountId(), String[]::new),
                column(r, e -> utc(e.getKey().bucket()), OffsetDateTime[]::new),
                column(r, e -> e.getKey().objectType(), String[]::new),
                column(r, e -> e.getKey().objectId(), String[]::new),
                column(r, Map.Entry::getValue, Long[]::new)));
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
