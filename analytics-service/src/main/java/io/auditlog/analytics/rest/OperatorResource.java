package io.auditlog.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.auditlog.analytics.api.ConsumerStatus;
import io.auditlog.analytics.api.RebuildResult;
import io.auditlog.analytics.service.RebuildService;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/**
 * For the vendor's operators: the feed consumer's state, and the rebuild of every rollup from the feed. They act on
 * no account, but a token whose account claim is malformed is refused here as everywhere ({@link CallerAccount}
 * answers 401): a token that a broken or hostile identity-provider mapping produced is not trusted with anything.
 */
@Path("/internal/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
@RolesAllowed(Roles.OPERATOR)
@APIResponses({
        @APIResponse(responseCode = "401", description = "No valid token, or a malformed account claim"),
        @APIResponse(responseCode = "403", description = "Not a platform operator"),
        @APIResponse(responseCode = "503", description = "The database did not answer in time; retry after "
                + "Retry-After") })
public class OperatorResource {

    private final RebuildService rebuilds;
    private final CallerAccount caller;

    OperatorResource(RebuildService rebuilds, CallerAccount caller) {
        this.rebuilds = rebuilds;
        this.caller = caller;
    }

    @GET
    @Path("status")
    @Operation(summary = "Where the feed consumer is and how many events the rollups have counted")
    @APIResponse(responseCode = "200", description = "The consumer's position and events applied")
    public Uni<ConsumerStatus> status() {
        caller.claimedAccountId();
        return rebuilds.status();
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Clear every rollup and replay the audit feed from the start (recovery)")
    @ResponseStatus(202)
    @APIResponse(responseCode = "202", description = "The rollups are cleared and the position reset; the consumer "
            + "replays the feed from now on (follow it on the status, or the analytics_rollup_lag_seconds metric)")
    public Uni<RebuildResult> rebuild() {
        caller.claimedAccountId();
        return rebuilds.rebuild();
    }
}
