package io.auditlog.notify.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.notify.domain.InboxCursor;
import io.auditlog.notify.domain.StoredNotification;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The in-app list of one user of one account: every query is scoped by both. */
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

    /** Up to {@code limit} notifications after {@code after} (null: from the newest), newest first. */
    public Uni<List<StoredNotification>> page(SqlClient client, String accountId, String userId, InboxCursor after,
            boolean unreadOnly, int limit) {
        OffsetDateTime afterTime = after == null ? null : after.createdAt().atOffset(ZoneOffset.UTC);
        UUID afterId = after == null ? null : after.id();
        return client.preparedQuery(PAGE)
                .execute(Tuple.from(Arrays.asList(accountId, userId, afterTime, afterId, unreadOnly, limit)))
                .map(InboxRepository::notifications);
    }

    public Uni<Long> unreadCount(SqlClient client, String accountId, String userId) {
        return client.preparedQuery(UNREAD).execute(Tuple.of(accountId, userId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Optional<StoredNotification>> markRead(SqlClient client, String accountId, String userId, UUID id) {
        return client.preparedQuery(MARK_READ).execute(Tuple.of(accountId, userId, id))
                .map(rows -> notifications(rows).stream().findFirst());
    }

    public Uni<Integer> markAllRead(SqlClient client, String accountId, String userId) {
        return client.preparedQuery(MARK_ALL_READ).execute(Tuple.of(accountId, userId)).map(RowSet::rowCount);
    }

    private static List<StoredNotification> notifications(RowSet<Row> rows) {
        List<StoredNotification> notifications = new ArrayList<>();
        for (Row row : rows) {
            notifications.add(new StoredNotification(row.getUUID("id"), row.getString("kind"), row.getString("title"),
                    row.getString("summary"), row.getString("link"), row.getString("event_id"),
                    instant(row, "occurred_at"), instant(row, "created_at"), instant(row, "read_at")));
        }
        return notifications;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
