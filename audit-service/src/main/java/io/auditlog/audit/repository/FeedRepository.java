package io.auditlog.audit.repository;

import java.util.ArrayList;
import java.util.List;

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

    public Uni<List<StoredEvent>> after(FeedPosition position, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(position.txId(), position.seq(), limit)).map(result -> {
            List<StoredEvent> events = new ArrayList<>(result.size());
            for (Row row : result) {
                events.add(rows.toEvent(row));
            }
            return events;
        });
    }
}
