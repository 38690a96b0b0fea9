package io.auditlog.notify.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.notify.api.MarkedRead;
import io.auditlog.notify.api.NotificationPage;
import io.auditlog.notify.api.NotificationView;
import io.auditlog.notify.domain.InboxCursor;
import io.auditlog.notify.domain.StoredNotification;
import io.auditlog.notify.repository.InboxRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A user's in-app list: a page with the unread count, read marks. Each call serves a request, so each is bounded in
 * time (a database that does not answer gives the caller a 503, not a hanging request).
 */
@ApplicationScoped
public class InboxService {

    private final Pool pool;
    private final InboxRepository inbox;
    private final DatabaseCalls calls;

    InboxService(Pool pool, InboxRepository inbox, DatabaseCalls calls) {
        this.pool = pool;
        this.inbox = inbox;
        this.calls = calls;
    }

    /** Up to {@code size} notifications after {@code after} (null: the newest), and how many of all are unread. */
    public Uni<NotificationPage> page(String accountId, String userId, InboxCursor after, boolean unreadOnly,
            int size) {
        return calls.bounded(Uni.combine().all()
                .unis(inbox.page(pool, accountId, userId, after, unreadOnly, size + 1),
                        inbox.unreadCount(pool, accountId, userId))
                .with((items, unread) -> page(items, size, unread)));
    }

    /** Marks one of the user's notifications read (again is harmless); 404 when the user has no such one. */
    public Uni<NotificationView> markRead(String accountId, String userId, UUID id) {
        return calls.bounded(pool.withTransaction(tx -> inbox.markRead(tx, accountId, userId, id)))
                .map(found -> view(found.orElseThrow(
                        () -> ProblemException.notFound("No notification " + id + " for you"))));
    }

    public Uni<MarkedRead> markAllRead(String accountId, String userId) {
        return calls.bounded(pool.withTransaction(tx -> inbox.markAllRead(tx, accountId, userId)))
                .map(MarkedRead::new);
    }

    private static NotificationPage page(List<StoredNotification> items, int size, long unreadCount) {
        List<NotificationView> views = items.stream().limit(size).map(InboxService::view).toList();
        if (items.size() <= size) {
            return new NotificationPage(views, unreadCount, null);
        }
        NotificationView last = views.get(size - 1);
        return new NotificationPage(views, unreadCount, new InboxCursor(last.createdAt(), last.id()).encode());
    }

    private static NotificationView view(StoredNotification n) {
        return new NotificationView(n.id(), n.kind(), n.title(), n.summary(), n.link(), n.eventId(), n.occurredAt(),
                n.createdAt(), n.readAt() != null, n.readAt());
    }
}
