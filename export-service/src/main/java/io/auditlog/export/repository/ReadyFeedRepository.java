package io.auditlog.export.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.feed.FeedPosition;
import io.auditlog.export.domain.ReadyEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The durable export-ready records, read as a feed: in (writing transaction, seq) order and only below the feed
 * horizon (export.feed_horizon(), migration V6: the oldest running transaction, feed consumers' own transactions
 * aside), like the audit feed, so a completion that commits late is never passed over and a consumer's long
 * transaction does not hold the notices back.
 */
@ApplicationScoped
public class ReadyFeedRepository {

    // Columns are qualified: an unqualified ORDER BY tx_id would sort by the text output column, and text order is
    // not xid order ("10000" < "9999"), which would repeat or skip records across a power of ten.
    private static final String PAGE = """
            SELECT r.job_id, r.account_id, r.requested_by, r.requester_email, r.created_at, r.tx_id::text AS tx_id,
                   r.seq
              FROM export.export_ready r
             WHERE (r.tx_id, r.seq) > (($1::text)::xid8, $2) AND r.tx_id < (SELECT export.feed_horizon())
             ORDER BY r.tx_id, r.seq LIMIT $3""";

    private final Pool pool;

    ReadyFeedRepository(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} records after {@code position}, in feed order. */
    public Uni<List<ReadyEntry>> after(FeedPosition position, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(position.txId(), position.seq(), limit)).map(rows -> {
            List<ReadyEntry> entries = new ArrayList<>();
            for (Row row : rows) {
                UUID job = row.getUUID("job_id");
                entries.add(new ReadyEntry(job, row.getString("account_id"), row.getString("requested_by"),
                        row.getString("requester_email"), row.getOffsetDateTime("created_at").toInstant(),
                        new FeedPosition(row.getString("tx_id"), row.getLong("seq"))));
            }
            return entries;
        });
    }
}
