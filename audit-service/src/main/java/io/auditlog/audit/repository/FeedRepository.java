package io.auditlog.audit.repository;

import java.util.function.Consumer;
import java.util.stream.Collector;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.common.feed.FeedPosition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the change feed: events of all accounts in (writing transaction, seq) order, and only those written by
 * transactions older than the oldest one still running. A transaction that began earlier but commits later
 * holds the horizon back until it ends, so its events are never passed over, which ordering by a sequence alone
 * cannot promise (a sequence number is taken at insert, not at commit).
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
            + " AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())"
            + " ORDER BY e.tx_id, e.seq LIMIT $3";

    private final Pool pool;
    private final EventRows rows;

    FeedRepository(Pool pool, EventRows rows) {
        this.pool = pool;
        this.rows = rows;
    }

    /**
     * The page, each event handed to {@code sink} as its row arrives, in feed order; answers the position of the last
     * one, or {@code position} when nothing was new. The sink runs while PostgreSQL is still sending the rest of the
     * page (the client's collector is called per row as it is decoded), so what it does with an event overlaps the
     * database's work instead of following it. If the read fails the sink has seen part of the page: discard it.
     */
    public Uni<FeedPosition> after(FeedPosition position, int limit, Consumer<StoredEvent> sink) {
        Collector<io.vertx.sqlclient.Row, Last, FeedPosition> toSink = Collector.of(Last::new, (last, row) -> {
            StoredEvent event = rows.toEvent(Row.newInstance(row));
            sink.accept(event);
            last.event = event;
        }, (a, b) -> b, last -> last.event == null ? position : new FeedPosition(last.event.txId(), last.event.seq()));
        return Uni.createFrom().completionStage(() -> pool.getDelegate().preparedQuery(PAGE).collecting(toSink)
                .execute(Tuple.of(position.txId(), position.seq(), limit).getDelegate()).toCompletionStage())
                .map(result -> result.value());
    }

    /** The last event a page handed on. */
    private static final class Last {
        StoredEvent event;
    }
}
