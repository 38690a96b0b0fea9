package io.auditlog.audit.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

import io.auditlog.audit.api.RestoreStatusView;
import io.auditlog.audit.api.RestoreView;
import io.auditlog.audit.service.RestoreService;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** Restoring a deleted record from its deletion's log entry: the state, and the request (docs/architecture.md). */
@Path("/api/v1/events/{eventId}/restore")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Restore")
public class RestoreResource {

    private final RestoreService restores;
    private final CallerAccount caller;
    private final ActingAdmins admins;

    RestoreResource(RestoreService restores, CallerAccount caller, ActingAdmins admins) {
        this.restores = restores;
        this.caller = caller;
        this.admins = admins;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Whether the log entry's deletion can be restored now (else why), until when, and its "
            + "restores, newest first")
    @APIResponse(responseCode = "404", description = "No such event in the caller's account")
    public Uni<RestoreStatusView> status(@RestPath String eventId) {
        return restores.status(caller.accountId(), eventId);
    }

    /** The body is optional ({@code {}} or none): nothing in it is read. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Ask the producer to restore the deleted object: a signed request, retried with back-off "
            + "until it answers; the request and its outcome are audit events")
    @APIResponse(responseCode = "202", description = "The restore, pending",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RestoreView.class)))
    @APIResponse(responseCode = "409", description = "Not restorable now; the problem's reason says why: "
            + "NOT_A_DELETE, TOO_OLD, NO_ENDPOINT or PENDING")
    public Uni<Response> request(@RestPath String eventId) {
        return restores.request(admins.current(), eventId).map(view -> Response.accepted(view)
                .location(URI.create("/api/v1/events/" + encode(eventId) + "/restore")).build());
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
