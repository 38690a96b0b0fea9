package io.auditlog.common.feed;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The stored position of one feed consumer: one row of a position table in the consuming service's own schema
 * (each service names its table; see {@link #of}), and the consumer's lock: a transaction-scoped advisory lock on
 * the consumer's own key, taken by the transaction that applies a page (or rebuilds). The only SQL of the feed
 * engine. Why an advisory lock and not the row's {@code FOR UPDATE}: docs/decisions.md, "Feed contract and the one
 * feed-consumer engine".
 */
public final class FeedPositions {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    /** The stored row: the position ('' is the start), records counted since the start, and the last change. */
    public record Stored(String position, long records, Instant updatedAt) {
    }

    /**
     * The mark of a feed consumer's transaction: a shared transaction-scoped advisory lock on these two keys, which
     * nothing takes exclusively. The feeds' horizon (audit.feed_horizon(), docs/architecture.md "The change feed",
     * and its copy export.feed_horizon() for the export-ready feed) passes over a running transaction that holds
     * it, so that a consumer applying a page does not hold back every feed of the database until it commits. What
     * makes that safe is this rule: a transaction that holds the mark writes no row of any feed (no event, no
     * mention, no export-ready record). The numbers are "audi" and "feed" in ASCII; the two migrations that define
     * the horizon (audit-service V10, export-service V6) name the same two and have the same body.
     */
    public static final int CONSUMER_MARK_CLASS = 0x61756469;
    public static final int CONSUMER_MARK_ID = 0x66656564;
    /** Takes the mark; the try form never waits, and a shared lock nobody takes exclusively is always granted. */
    public static final String MARK = "pg_try_advisory_xact_lock_shared(" + CONSUMER_MARK_CLASS + ", "
            + CONSUMER_MARK_ID + ")";

    private static final String LOCK = "SELECT pg_advisory_xact_lock($1), " + MARK;
    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock($1) AS locked, " + MARK;

    private final Object key;
    private final long lockKey;
    private final String read;
    private final String advance;
    private final String rewind;

    private FeedPositions(String table, String keyColumn, Object key, String countColumn, long lockKey) {
        for (String name : new String[] { table, keyColumn, countColumn }) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a plain SQL name: " + name);
            }
        }
        this.key = key;
        this.lockKey = lockKey;
        this.read = "SELECT position, " + countColumn + " AS records, updated_at FROM " + table + " WHERE "
                + keyColumn + " = $1";
        this.advance = "UPDATE " + table + " SET position = $3, " + countColumn + " = " + countColumn
                + " + $4, updated_at = now() WHERE " + keyColumn + " = $1 AND position = $2";
        this.rewind = "UPDATE " + table + " SET position = '', " + countColumn + " = 0, updated_at = now() WHERE "
                + keyColumn + " = $1";
    }

    /**
     * The row of {@code table} (schema-qualified) whose {@code keyColumn} holds {@code key}, with columns
     * {@code position} (text), {@code updated_at} (timestamptz) and a bigint {@code countColumn} of records applied;
     * {@code lockKey} is the consumer's advisory lock, a number no other lock in the database uses. The names come
     * from the service's code, never from input; they must be plain SQL names.
     */
    public static FeedPositions of(String table, String keyColumn, Object key, String countColumn, long lockKey) {
        return new FeedPositions(table, keyColumn, key, countColumn, lockKey);
    }

    /** The stored row, as {@code client} (the pool, or a transaction) sees it. */
    public Uni<Stored> read(SqlClient client) {
        return client.preparedQuery(read).execute(Tuple.of(key)).map(rows -> {
            if (rows.size() == 0) {
                throw new IllegalStateException("No stored feed position (" + read + ")");
            }
            Row row = rows.iterator().next();
            return new Stored(row.getString("position"), row.getLong("records"),
                    row.getOffsetDateTime("updated_at").toInstant());
        });
    }

    /**
     * Takes the consumer's lock for the transaction, waiting for a transaction that holds it (a page being applied);
     * answers the stored position. The lock takes no transaction id: until it writes, the transaction holds back no
     * feed on the database. With it the transaction takes the consumer's {@link #MARK}, as {@link #tryLock} does.
     */
    public Uni<String> lock(SqlConnection transaction) {
        return transaction.preparedQuery(LOCK).execute(Tuple.of(lockKey)).chain(() -> read(transaction))
                .map(Stored::position);
    }

    /** Takes the consumer's lock unless another transaction holds it (then empty: that one is applying a page). */
    public Uni<Optional<String>> tryLock(SqlConnection transaction) {
        return transaction.preparedQuery(TRY_LOCK).execute(Tuple.of(lockKey))
                .chain(rows -> !rows.iterator().next().getBoolean("locked") ? Uni.createFrom().item(Optional.empty())
                        : read(transaction).map(stored -> Optional.of(stored.position())));
    }

    /** Moves the position from {@code after} to {@code next}; false (and nothing changed) if it is not at {@code after}. */
    public Uni<Boolean> advance(SqlConnection transaction, String after, String next, long records) {
        return transaction.preparedQuery(advance).execute(Tuple.of(key, after, next, records))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Back to the start of the feed, count zero (a rebuild, under {@link #lock}). */
    public Uni<Void> rewind(SqlClient transaction) {
        return transaction.preparedQuery(rewind).execute(Tuple.of(key)).replaceWithVoid();
    }
}
