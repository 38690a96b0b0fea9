package io.auditlog.export.feed;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.feed.FeedPosition;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The durable export-ready records of all accounts, as a feed (NOTIFY export_ready only says "look now"). Same
 * contract as the audit feed: every record exactly once, in a stable order, from a stored position.
 */
@Path("/internal/v1/export-ready")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Export-ready feed")
public class ReadyFeedResource {

    public record Page(List<ReadyRecord> items, String next) {
    }

    private static final int MAX_LIMIT = 1000;
    // Columns are qualified: an unqualified ORDER BY tx_id would sort by the text output column, and text order is
    // not xid order ("10000" < "9999"), which would repeat or skip records across a power of ten.
    private static final String PAGE = """
            SELECT r.job_id, r.account_id, r.requested_by, r.requester_email, r.created_at, r.tx_id::text AS tx_id,
                   r.seq
              FROM export.export_ready r
             WHERE (r.tx_id, r.seq) > (($1::text)::xid8, $2) AND r.tx_id < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY r.tx_id, r.seq LIMIT $3""";

    private final Pool pool;
    private final DatabaseCalls calls;

    ReadyFeedResource(Pool pool, DatabaseCalls calls) {
        this.pool = pool;
        this.calls = calls;
    }

    @GET
    @RolesAllowed(Roles.FEED)
    @Operation(summary = "Export-ready records of all accounts after a position")
    public Uni<Page> read(@RestQuery String after, @RestQuery String limit) {
        FeedPosition position = after == null || after.isEmpty() ? FeedPosition.START
                : FeedPosition.decode(after).orElseThrow(
                        () -> ProblemException.badRequest("after", "is not a position this feed issued"));
        int size = PageLimits.parse(limit, "limit", 100, MAX_LIMIT);
        return calls.bounded(pool.preparedQuery(PAGE).execute(Tuple.of(position.txId(), position.seq(), size)))
                .map(rows -> page(rows, position));
    }

    private static Page page(Iterable<Row> rows, FeedPosition after) {
        List<ReadyRecord> items = new ArrayList<>();
        FeedPosition next = after;
        for (Row row : rows) {
            String job = row.getUUID("job_id").toString();
            items.add(new ReadyRecord(job, row.getString("account_id"), row.getString("requested_by"),
                    row.getString("requester_email"), row.getOffsetDateTime("created_at").toInstant(),
                    "/api/v1/exports/" + job));
            next = new FeedPosition(row.getString("tx_id"), row.getLong("seq"));
        }
        return new Page(items, next.encode());
    }

}
