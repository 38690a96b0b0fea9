package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.auditlog.audit.api.AnalyticsViewInput;
import io.auditlog.audit.service.LogAccessService;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads of the log made elsewhere: the analytics-service reports a person's dashboard view with the person's own
 * token, so the record's actor is whoever the token names and no service can record a read in anyone's name.
 */
@Path("/api/v1/log-access")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Who looked at the log")
public class LogAccessResource {

    private final LogAccessService access;
    private final LogReaders readers;
    private final SecurityIdentity identity;
    private final CallerAccount caller;

    LogAccessResource(LogAccessService access, LogReaders readers, SecurityIdentity identity, CallerAccount caller) {
        this.access = access;
        this.readers = readers;
        this.identity = identity;
        this.caller = caller;
    }

    @POST
    @Path("/analytics")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Record the caller's view of an analytics section (AUDIT_LOG ANALYTICS/VIEWED, one per "
            + "person, section and filters within the window)")
    @APIResponse(responseCode = "204", description = "Recorded, or found recorded within the window")
    @APIResponse(responseCode = "400", description = "The problem names the field: section, filters.<name>")
    public Uni<Response> analyticsViewed(AnalyticsViewInput input, @Context HttpServerRequest request) {
        caller.accountId(); // a person of one account: 403 without the claim
        if (input == null) {
            throw ProblemException.badRequest("section", "is required");
        }
        return access.analyticsViewed(readers.of(identity, caller, request), input.section(), input.filters())
                .map(recorded -> Response.noContent().build());
    }
}
