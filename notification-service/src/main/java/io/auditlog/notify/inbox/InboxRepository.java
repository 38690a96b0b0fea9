package io.auditlog.notify.inbox;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.notify.rest.api.NotificationView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The in-app list of one user of one account: every query is scoped by both. Each serves a request, so each is
 * bounded in time (a database that does not answer gives the caller a 503, not a hanging request).
 */
@ApplicationScoped
public class InboxRepository {

    private static final String COLUMNS = "id, kind, title, summary, link, event_id, occurred_at, created_at, read_at";
    private static final String PAGE = "SELECT " + COLUMNS + """
             FROM notify.notification
            WHERE account_id = $1 AND user_id = $2
              AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
              AND (NOT $5 OR read_at IS NULL)
            ORDER BY created_at DESC, id DESC
            LIMIT $6""";
    private static final String UNREAD = """
            SELECT count(*) FROM notify.notification WHERE account_id = $1 AND user_id = $2 AND read_at IS NULL""";
    private static final String MARK_READ = """
            UPDATE notify.notification SET read_at = coalesce(read_at, now())
             WHERE account_id = $1 AND user_id = $2 AND id = $3
            RETURNING\s""" + COLUMNS;
    private static final String MARK_ALL_READ = """
            UPDATE notify.notification SET read_at = now()
             WHERE account_id = $1 AND user_id = $2 AND read_at IS NULL""";

    private final Pool pool;
    private final DatabaseCalls calls;

    InboxRepository(Pool pool, DatabaseCalls calls) {
        this.pool = pool;
        this.calls = calls;
    }

    public Uni<List<NotificationView>> page(String accountId, String userId, InboxCursor after, boolean unreadOnly,
            int limit) {
        OffsetDateTime afterTime = after == null ? null : after.createdAt().atOffset(ZoneOffset.UTC);
        UUID afterId = after == null ? null : after.id();
        return calls.bounded(pool.preparedQuery(PAGE)
                .execute(Tuple.from(java.util.Arrays.asList(accountId, userId, afterTime, afterId, unreadOnly, limit)))
                .map(InboxRepository::views));
    }

    public Uni<Long> unreadCount(String accountId, String userId) {
        return calls.bounded(pool.preparedQuery(UNREAD).execute(Tuple.of(accountId, userId))
                .map(rows -> rows.iterator().next().getLong(0)));
    }

    public Uni<Optional<NotificationView>> markRead(String accountId, String userId, UUID id) {
        return calls.bounded(pool.preparedQuery(MARK_READ).execute(Tuple.of(accountId, userId, id))
                .map(rows -> views(rows).stream().findFirst()));
    }

    public Uni<Integer> markAllRead(String accountId, String userId) {
        return calls.bounded(pool.preparedQuery(MARK_ALL_READ).execute(Tuple.of(accountId, userId))
                .map(RowSet::rowCount));
    }

    private static List<NotificationView> views(RowSet<Row> rows) {
        List<NotificationView> views = new ArrayList<>();
        for (Row row : rows) {
            OffsetDateTime readAt = row.getOffsetDateTime("read_at");
            views.add(new NotificationView(row.getUUID("id"), row.getString("kind"), row.getString("title"),
                    row.getString("summary"), row.getString("link"), row.getString("event_id"),
                    row.getOffsetDateTime("occurred_at").toInstant(), row.getOffsetDateTime("created_at").toInstant(),
                    readAt != null, readAt == null ? null : readAt.toInstant()));
        }
        return views;
    }
}
