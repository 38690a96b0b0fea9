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
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** For the vendor's operators: the feed consumer's state, and the rebuild of every rollup from the feed. */
@Path("/internal/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
@RolesAllowed(Roles.OPERATOR)
public class OperatorResource {

    private final RebuildService rebuilds;

    OperatorResource(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    @GET
    @Path("status")
    @Operation(summary = "Where the feed consumer is and how many events the rollups have counted")
    public Uni<ConsumerStatus> status() {
        return rebuilds.status();
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Clear every rollup and replay the audit feed from the start (recovery)")
    public Uni<RebuildResult> rebuild() {
        return rebuilds.rebuild();
    }
}
