package io.auditlog.audit.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.audit.api.CommentChange;
import io.auditlog.audit.api.CommentInput;
import io.auditlog.audit.api.CommentThreadsView;
import io.auditlog.audit.api.CommentView;
import io.auditlog.audit.service.CommentService;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** Comments on a log entry: threads with one level of replies, for the account's super admins. */
@Path("/api/v1/events/{eventId}/comments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comments")
public class CommentResource {

    private final CommentService comments;
    private final CallerAccount caller;
    private final ActingAdmins admins;

    CommentResource(CommentService comments, CallerAccount caller, ActingAdmins admins) {
        this.comments = comments;
        this.caller = caller;
        this.admins = admins;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The log entry's comment threads (top comment and replies, oldest first), open, resolved "
            + "or all (the default)")
    public Uni<CommentThreadsView> list(@RestPath String eventId, @RestQuery String status) {
        return comments.threads(caller.accountId(), eventId, status);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Comment on the log entry, or reply to a thread (parentId); mentions name super admins of "
            + "the account, each notified once")
    @APIResponse(responseCode = "201", description = "The comment (a top comment with its replies, none yet)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CommentView.class)))
    @APIResponse(responseCode = "400", description = "The problem names the field: text, parentId, mentions[i]")
    @APIResponse(responseCode = "404", description = "No such event in the caller's account")
    public Uni<Response> create(@RestPath String eventId, CommentInput input) {
        return comments.create(admins.current(), eventId, input).map(view -> Response
                .created(URI.create("/api/v1/events/" + encode(eventId) + "/comments/" + view.id()))
                .entity(view).build());
    }

    @PATCH
    @Path("/{commentId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Change a comment's text and mentions (its author; marked edited) or resolve / reopen its "
            + "thread (any super admin; top comments only); version is the one last read")
    @APIResponse(responseCode = "200", description = "The comment as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CommentView.class)))
    @APIResponse(responseCode = "403", description = "Only the author may change the text")
    @APIResponse(responseCode = "409", description = "The comment changed since that version, or was deleted")
    public Uni<CommentView> change(@RestPath String eventId, @RestPath String commentId, CommentChange change) {
        return comments.change(admins.current(), eventId, commentId, change);
    }

    @DELETE
    @Path("/{commentId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete one's own comment: one with replies leaves a \"deleted\" placeholder; version, when "
            + "given, must be the one last read")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Only the author may delete a comment")
    @APIResponse(responseCode = "409", description = "The comment changed since that version")
    public Uni<Response> delete(@RestPath String eventId, @RestPath String commentId, @RestQuery String version) {
        return comments.delete(admins.current(), eventId, commentId, version).map(done -> Response.noContent().build());
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
