package io.auditlog.notify.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.notify.inbox.InboxCursor;
import io.auditlog.notify.inbox.InboxRepository;
import io.auditlog.notify.rest.api.NotificationPage;
import io.auditlog.notify.rest.api.NotificationView;
import io.smallrye.mutiny.Uni;

/** The caller's in-app notifications, within the caller's account: nobody sees another user's list. */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Notifications")
public class NotificationResource {

    private static final int MAX_PAGE = 100;

    /** The answer of "mark all read". */
    public record MarkedRead(int marked) {
    }

    private final InboxRepository inbox;
    private final CallerAccount caller;

    NotificationResource(InboxRepository inbox, CallerAccount caller) {
        this.inbox = inbox;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's notifications, newest first, with the unread count")
    public Uni<NotificationPage> list(@RestQuery String limit, @RestQuery String cursor, @RestQuery String unread) {
        int size = PageLimits.parse(limit, "limit", 20, MAX_PAGE);
        InboxCursor after = cursor == null || cursor.isEmpty() ? null : InboxCursor.decode(cursor)
                .orElseThrow(() -> ProblemException.badRequest("cursor", "is not a cursor this list issued"));
        boolean unreadOnly = parseFlag(unread);
        String account = caller.accountId();
        String user = caller.userId();
        return inbox.page(account, user, after, unreadOnly, size + 1).flatMap(items -> inbox.unreadCount(account, user)
                .map(unreadCount -> page(items, size, unreadCount)));
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one of the caller's notifications read (again is harmless)")
    public Uni<NotificationView> markRead(@RestPath String id) {
        UUID notification = parseId(id);
        return inbox.markRead(caller.accountId(), caller.userId(), notification).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("No notification " + id + " for you")));
    }

    @POST
    @Path("/read")
    @Operation(summary = "Mark all of the caller's notifications read")
    public Uni<MarkedRead> markAllRead() {
        return inbox.markAllRead(caller.accountId(), caller.userId()).map(MarkedRead::new);
    }

    private static NotificationPage page(List<NotificationView> items, int size, long unreadCount) {
        if (items.size() <= size) {
            return new NotificationPage(items, unreadCount, null);
        }
        NotificationView last = items.get(size - 1);
        return new NotificationPage(items.subList(0, size), unreadCount,
                new InboxCursor(last.createdAt(), last.id()).encode());
    }

    private static boolean parseFlag(String unread) {
        if (unread == null || unread.isEmpty() || unread.equals("false")) {
            return false;
        }
        if (unread.equals("true")) {
            return true;
        }
        throw ProblemException.badRequest("unread", "must be true or false");
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No notification " + id + " for you");
        }
    }
}
