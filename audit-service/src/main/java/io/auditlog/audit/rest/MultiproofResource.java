package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.audit.api.MultiproofRequest;
import io.auditlog.audit.api.MultiproofView;
import io.auditlog.audit.service.MultiproofService;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Many events' leaves and one multiproof under one signed head: what the export-service lists in a report's proof
 * file. Same callers and account rule as the export stream: the export-service (audit-export) names the account; a
 * super admin proves in the token's own account only.
 */
@Path("/api/v1/integrity/multiproof")
@Produces(MediaType.APPLICATION_JSON)
public class MultiproofResource {

    private final MultiproofService proofs;
    private final ExportCallers callers;

    MultiproofResource(MultiproofService proofs, ExportCallers callers) {
        this.proofs = proofs;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.EXPORT })
    @Operation(summary = "The leaves of up to 10,000 events and their multiproof under a signed tree head (default "
            + "the newest); 409 when an event is not sealed under it yet, 404 when the account has no such event")
    public Uni<MultiproofView> prove(@RestQuery String account, MultiproofRequest body) {
        return proofs.prove(callers.account(account), body);
    }
}
