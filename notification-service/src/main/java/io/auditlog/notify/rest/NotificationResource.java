package io.auditlog.notify.rest;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

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

import io.auditlog.common.input.TextInput;
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
    private static final Pattern CANONICAL_UUID = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
        TokenUser user = TokenUser.of(caller);
        singleLine("limit", limit);
        singleLine("cursor", cursor);
        singleLine("unread", unread);
        int size = PageLimits.parse(limit, "limit", 20, MAX_PAGE);
        InboxCursor after = cursor == null || cursor.isEmpty() ? null : InboxCursor.decode(cursor)
                .orElseThrow(() -> ProblemException.badRequest("cursor", "is not a cursor this list issued"));
        boolean unreadOnly = parseFlag(unread);
        return Uni.combine().all()
                .unis(inbox.page(user.accountId(), user.userId(), after, unreadOnly, size + 1),
                        inbox.unreadCount(user.accountId(), user.userId()))
                .with((items, unreadCount) -> page(items, size, unreadCount));
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one of the caller's notifications read (again is harmless)")
    public Uni<NotificationView> markRead(@RestPath String id) {
        TokenUser user = TokenUser.of(caller);
        UUID notification = parseId(id);
        return inbox.markRead(user.accountId(), user.userId(), notification).map(found -> found.orElseThrow(
                () -> ProblemException.notFound("No notification " + notification + " for you")));
    }

    @POST
    @Path("/read")
    @Operation(summary = "Mark all of the caller's notifications read")
    public Uni<MarkedRead> markAllRead() {
        TokenUser user = TokenUser.of(caller);
        return inbox.markAllRead(user.accountId(), user.userId()).map(MarkedRead::new);
    }

    private static NotificationPage page(List<NotificationView> items, int size, long unreadCount) {
        if (items.size() <= size) {
            return new NotificationPage(items, unreadCount, null);
        }
        NotificationView last = items.get(size - 1);
        return new NotificationPage(items.subList(0, size), unreadCount,
                new InboxCursor(last.createdAt(), last.id()).encode());
    }

    /** Parsing trims, which would hide a NUL or a line break at either end: such text is refused first. */
    private static void singleLine(String parameter, String value) {
        String problem = TextInput.singleLineProblem(value);
        if (problem != null) {
            throw ProblemException.badRequest(parameter, problem);
        }
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

    /**
     * A notification id is a UUID in its canonical form; anything else names no notification (404, as another
     * user's id does, so the answer tells nothing). The text is not echoed: it may be 10,000 characters or hold NUL.
     */
    private static UUID parseId(String id) {
        if (id == null || !CANONICAL_UUID.matcher(id).matches()) {
            throw ProblemException.notFound("No such notification for you");
        }
        return UUID.fromString(id);
    }
}
