package io.auditlog.notify.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.notify.api.MarkedRead;
import io.auditlog.notify.api.NotificationPage;
import io.auditlog.notify.api.NotificationView;
import io.auditlog.notify.domain.InboxCursor;
import io.auditlog.notify.service.InboxService;
import io.smallrye.mutiny.Uni;

/**
 * The caller's in-app notifications, within the caller's account: nobody sees another user's list. NUL and control
 * characters in any parameter were refused before this runs (platform-common's ParameterFilter).
 */
@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Notifications")
@APIResponse(responseCode = "401", description = "No valid token")
@APIResponse(responseCode = "403", description = "The token lacks role audit-admin")
@APIResponse(responseCode = "503", description = "The database did not answer in time; retry after Retry-After")
public class NotificationResource {

    private static final int MAX_PAGE = 100;
    private static final Pattern CANONICAL_UUID = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final InboxService inbox;
    private final CallerAccount caller;

    NotificationResource(InboxService inbox, CallerAccount caller) {
        this.inbox = inbox;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's notifications, newest first, with the unread count")
    @APIResponse(responseCode = "200", description = "A page of notifications")
    @APIResponse(responseCode = "400", description = "A bad limit, cursor or unread, named in errors[].field")
    public Uni<NotificationPage> list(@RestQuery String limit, @RestQuery String cursor, @RestQuery String unread) {
        TokenUser user = TokenUser.of(caller);
        int size = PageLimits.parse(limit, "limit", 20, MAX_PAGE);
        InboxCursor after = cursor == null || cursor.isEmpty() ? null : InboxCursor.decode(cursor)
                .orElseThrow(() -> ProblemException.badRequest("cursor", "is not a cursor this list issued"));
        boolean unreadOnly = parseFlag(unread);
        return inbox.page(user.accountId(), user.userId(), after, unreadOnly, size);
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one of the caller's notifications read (again is harmless)")
    @APIResponse(responseCode = "200", description = "The notification, read")
    @APIResponse(responseCode = "404", description = "The caller has no such notification")
    public Uni<NotificationView> markRead(@RestPath String id) {
        TokenUser user = TokenUser.of(caller);
        return inbox.markRead(user.accountId(), user.userId(), parseId(id));
    }

    @POST
    @Path("/read")
    @Operation(summary = "Mark all of the caller's notifications read")
    @APIResponse(responseCode = "200", description = "How many were marked read")
    public Uni<MarkedRead> markAllRead() {
        TokenUser user = TokenUser.of(caller);
        return inbox.markAllRead(user.accountId(), user.userId());
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
     * user's id does, so the answer tells nothing). The text is not echoed: it may be 10,000 characters long.
     */
    private static UUID parseId(String id) {
        if (id == null || !CANONICAL_UUID.matcher(id).matches()) {
            throw ProblemException.notFound("No such notification for you");
        }
        return UUID.fromString(id);
    }
}
