package io.auditlog.audit.repository;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collector;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.FeedPageEnd;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.common.feed.FeedPosition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the change feed: events of all accounts in (writing transaction, seq) order, and only those written by
 * transactions older than the oldest one still running, feed consumers' own transactions aside (they write no
 * events; audit.feed_horizon(), migration V10). A transaction that began earlier but commits later holds the
 * horizon back until it ends, so its events are never passed over, which ordering by a sequence alone cannot
 * promise (a sequence number is taken at insert, not at commit).
 */
@ApplicationScoped
public class FeedRepository {

    /*
     * The table's columns are qualified in WHERE and ORDER BY: EventRows.COLUMNS has "tx_id::text AS tx_id", and an
     * unqualified ORDER BY tx_id means that text output column. Text order is not xid order ("10000" < "9999"), so
     * across a power of ten a page's last position was not its greatest and the next page repeated or skipped
     * events; and no index gives text order, so every page read and sorted the whole rest of the table.
     *
     * "(tx_id, seq) >= position AND NOT (tx_id, seq) = position" rather than "(tx_id, seq) > position": the planner
     * estimates a row comparison by its first column alone, and "tx_id > position's tx" is nearly nothing when that
     * transaction wrote many events (a bulk import, a large batch). It then sorted an Append of every partition's
     * rest of the feed to take one page, hundreds of milliseconds per page; ">=" is estimated as what it is, so each
     * partition's (tx_id, seq) index is merged in order and the page stops after its last row.
     */
    static final String PAGE = "SELECT " + EventRows.COLUMNS + " FROM audit.event e"
            + " WHERE (e.tx_id, e.seq) >= (($1::text)::xid8, $2)"
            + " AND NOT (e.tx_id = ($1::text)::xid8 AND e.seq = $2)"
            + " AND e.tx_id < (SELECT audit.feed_horizon())"
            + " ORDER BY e.tx_id, e.seq LIMIT $3";

    /*
     * The same page of the feed, passed in the same order and stopped at the same row, but only the events of the
     * actions in $4 are sent, with the page's last row (whatever its action) so the consumer continues after every
     * event passed, and the number passed on that row. A consumer interested in a few actions (the alerts) then
     * costs PostgreSQL the same index walk, and no longer the encoding, the JSON, the HTTP and the parsing of every
     * event it would skip. The page is taken whole (e.*) so the columns are converted only for the rows sent.
     */
    static final String FILTERED_PAGE = "WITH page AS MATERIALIZED (SELECT e.*, e.action = ANY($4::text[]) AS hit"
            + " FROM audit.event e"
            + " WHERE (e.tx_id, e.seq) >= (($1::text)::xid8, $2)"
            + " AND NOT (e.tx_id = ($1::text)::xid8 AND e.seq = $2)"
            + " AND e.tx_id < (SELECT audit.feed_horizon())"
            + " ORDER BY e.tx_id, e.seq LIMIT $3),"
            + " last AS (SELECT p.tx_id AS last_tx, p.seq AS last_seq, count(*) OVER () AS passed FROM page p"
            + " ORDER BY p.tx_id DESC, p.seq DESC LIMIT 1)"
            + " SELECT " + EventRows.COLUMNS + ", p.hit, l.passed"
            + " FROM page p LEFT JOIN last l ON p.tx_id = l.last_tx AND p.seq = l.last_seq"
            + " WHERE p.hit OR l.last_tx IS NOT NULL"
            + " ORDER BY p.tx_id, p.seq";
    /*
     * A page is read with the plan its statement was first given on the connection, not planned again for its
     * position. The pool keeps the statement prepared, but PostgreSQL's own choice (plan_cache_mode = auto) keeps
     * making a custom plan for every execution: with the position and the limit unknown, the generic plan is
     * costed far above the custom ones, though it is the same Merge Append of the partitions' (tx_id, seq) indexes.
     * Planning that over every partition took as long as reading the page (1.1-2.0 ms against 0.9-1.3 ms for 1,000
     * events of 18 partitions); the generic plan is used in 0.02 ms. SET LOCAL holds for this transaction only, so
     * the pooled connection's searches are still planned for their values (a generic plan would sort them); the
     * caller opens that transaction (read-only: no transaction id, nothing to flush at its commit).
     */
    private static final String GENERIC_PLAN = "SET LOCAL plan_cache_mode = force_generic_plan";

    /** The filtered page's columns after {@link EventRows#COLUMNS}: whether the row is an item, and the count. */
    private static final int HIT = 26;
    private static final int PASSED = 27;

    private final EventRows rows;

    FeedRepository(EventRows rows) {
        this.rows = rows;
    }

    /**
     * The page, each event handed to {@code sink} as its row arrives, in feed order; answers the position of the last
     * one (or {@code position} when nothing was new) and how many there were. The sink runs while PostgreSQL is still
     * sending the rest of the page (the client's collector is called per row as it is decoded), so what it does with
     * an event overlaps the database's work instead of following it. If the read fails the sink has seen part of the
     * page: discard it. Runs in the caller's {@code transaction} (see GENERIC_PLAN).
     */
    public Uni<FeedPageEnd> after(SqlConnection transaction, FeedPosition position, int limit,
            Consumer<StoredEvent> sink) {
        return read(transaction, PAGE, Tuple.of(position.txId(), position.seq(), limit), position, (row, last) -> {
            StoredEvent event = rows.toEvent(row);
            sink.accept(event);
            last.at(event.txId(), event.seq());
            last.passed++;
        });
    }

    /**
     * The page of {@link #after(SqlConnection, FeedPosition, int, Consumer)}, {@code limit} events of the feed, of
     * which only those of {@code actions} are handed to {@code sink}; the position answered is the last event
     * passed, whatever its action.
     */
    public Uni<FeedPageEnd> after(SqlConnection transaction, FeedPosition position, int limit, List<String> actions,
            Consumer<StoredEvent> sink) {
        Tuple parameters = Tuple.of(position.txId(), position.seq(), limit, actions.toArray(String[]::new));
        return read(transaction, FILTERED_PAGE, parameters, position, (row, last) -> {
            if (row.getBoolean(HIT)) {
                sink.accept(rows.toEvent(row));
            }
            Long passed = row.getLong(PASSED);
            if (passed != null) {
                last.at(row.getString(3), row.getLong(2));
                last.passed = passed.intValue();
            }
        });
    }

    private static Uni<FeedPageEnd> read(SqlConnection transaction, String sql, Tuple parameters,
            FeedPosition position, BiConsumer<Row, Last> each) {
        Collector<io.vertx.sqlclient.Row, Last, FeedPageEnd> collector = Collector.of(Last::new,
                (last, row) -> each.accept(Row.newInstance(row), last), (a, b) -> b,
                last -> new FeedPageEnd(last.txId == null ? position : new FeedPosition(last.txId, last.seq),
                        last.passed));
        return transaction.query(GENERIC_PLAN).execute().chain(() -> Uni.createFrom().completionStage(
                () -> transaction.getDelegate().preparedQuery(sql).collecting(collector)
                        .execute(parameters.getDelegate()).toCompletionStage()))
                .map(result -> result.value());
    }

    /** The last event a page passed, and how many it passed. */
    private static final class Last {
        String txId;
        long seq;
        int passed;

        void at(String txId, long seq) {
            this.txId = txId;
            this.seq = seq;
        }
    }
}
