package io.auditlog.analytics.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.auditlog.analytics.rest.api.ConsumerStatus;
import io.auditlog.analytics.rest.api.RebuildResult;
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
    public Uni<ConsumerStatus> status() {
        caller.claimedAccountId();
        return rebuilds.status();
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Clear every rollup and replay the audit feed from the start (recovery)")
    public Uni<RebuildResult> rebuild() {
        caller.claimedAccountId();
        return rebuilds.rebuild();
    }
}
