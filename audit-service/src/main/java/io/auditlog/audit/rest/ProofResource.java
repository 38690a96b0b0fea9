package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.audit.api.InclusionProofView;
import io.auditlog.audit.service.IntegrityService;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** Whether an event is sealed, under which signed tree head, and the proof of it. */
@Path("/api/v1/events/{id}/proof")
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {

    private final IntegrityService integrity;
    private final CallerAccount caller;

    ProofResource(IntegrityService integrity, CallerAccount caller) {
        this.integrity = integrity;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The event's inclusion proof under a signed tree head (default the newest)")
    public Uni<InclusionProofView> proof(@RestPath String id, @RestQuery String treeSize) {
        return integrity.inclusion(caller.accountId(), id, treeSize);
    }
}
