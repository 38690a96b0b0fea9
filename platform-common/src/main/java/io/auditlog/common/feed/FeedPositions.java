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
 * (each service names its table; see {@link #of}). The only SQL of the feed engine. The row is the consumer's lock
 * too: a page is applied in a transaction that holds it ({@code FOR UPDATE}), see docs/decisions.md ("One feed
 * consumer engine").
 */
public final class FeedPositions {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");

    /** The stored row: the position ('' is the start), records counted since the start, and the last change. */
    public record Stored(String position, long records, Instant updatedAt) {
    }

    private final Object key;
    private final String read;
    private final String lock;
    private final String tryLock;
    private final String advance;
    private final String rewind;

    private FeedPositions(String table, String keyColumn, Object key, String countColumn) {
        for (String name : new String[] { table, keyColumn, countColumn }) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Not a plain SQL name: " + name);
            }
        }
        this.key = key;
        String row = " FROM " + table + " WHERE " + keyColumn + " = $1";
        this.read = "SELECT position, " + countColumn + " AS records, updated_at" + row;
        this.lock = "SELECT position" + row + " FOR UPDATE";
        this.tryLock = lock + " SKIP LOCKED";
        this.advance = "UPDATE " + table + " SET position = $3, " + countColumn + " = " + countColumn
                + " + $4, updated_at = now() WHERE " + keyColumn + " = $1 AND position = $2";
        this.rewind = "UPDATE " + table + " SET position = '', " + countColumn + " = 0, updated_at = now() WHERE "
                + keyColumn + " = $1";
    }

    /**
     * The row of {@code table} (schema-qualified) whose {@code keyColumn} holds {@code key}, with columns
     * {@code position} (text), {@code updated_at} (timestamptz) and a bigint {@code countColumn} of records applied.
     * The names come from the service's code, never from input; they must be plain SQL names.
     */
    public static FeedPositions of(String table, String keyColumn, Object key, String countColumn) {
        return new FeedPositions(table, keyColumn, key, countColumn);
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

    /** Locks the row for the transaction, waiting for a transaction that holds it; answers the position. */
    public Uni<String> lock(SqlConnection transaction) {
        return transaction.preparedQuery(lock).execute(Tuple.of(key)).map(rows -> rows.iterator().next()
                .getString("position"));
    }

    /** Locks the row unless another transaction holds it (then empty: that one is applying a page). */
    public Uni<Optional<String>> tryLock(SqlConnection transaction) {
        return transaction.preparedQuery(tryLock).execute(Tuple.of(key)).map(rows -> rows.size() == 0
                ? Optional.empty() : Optional.of(rows.iterator().next().getString("position")));
    }

    /** Moves the position from {@code after} to {@code next}; false (and nothing changed) if it is not at {@code after}. */
    public Uni<Boolean> advance(SqlConnection transaction, String after, String next, long records) {
        return transaction.preparedQuery(advance).execute(Tuple.of(key, after, next, records))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Back to the start of the feed, count zero (a rebuild; under {@link #lock}). */
    public Uni<Void> rewind(SqlClient transaction) {
        return transaction.preparedQuery(rewind).execute(Tuple.of(key)).replaceWithVoid();
    }
}
