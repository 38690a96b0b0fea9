package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.auditlog.audit.api.RestoreEndpointInput;
import io.auditlog.audit.api.RestoreEndpointView;
import io.auditlog.audit.service.RestoreEndpointService;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** The producer's restore endpoint for the account of its ingest token (docs/architecture.md, "Restore"). */
@Path("/api/v1/restore-endpoint")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Restore")
public class RestoreEndpointResource {

    private final RestoreEndpointService endpoints;
    private final CallerAccount caller;

    RestoreEndpointResource(RestoreEndpointService endpoints, CallerAccount caller) {
        this.endpoints = endpoints;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INGEST)
    @Operation(summary = "Register (or replace) where restore requests for the account are sent and the secret "
            + "that signs them (Audit-Signature); the secret is never answered")
    @APIResponse(responseCode = "200", description = "The endpoint as registered")
    @APIResponse(responseCode = "400", description = "The problem names the field: url or secret")
    public Uni<RestoreEndpointView> put(RestoreEndpointInput input) {
        return endpoints.register(caller.accountId(), input);
    }

    @GET
    @RolesAllowed(Roles.INGEST)
    @Operation(summary = "The account's restore endpoint")
    @APIResponse(responseCode = "404", description = "None is registered")
    public Uni<RestoreEndpointView> get() {
        return endpoints.get(caller.accountId());
    }

    @DELETE
    @RolesAllowed(Roles.INGEST)
    @Operation(summary = "Remove the account's restore endpoint; pending restores then fail")
    @APIResponse(responseCode = "204", description = "Removed (or there was none)")
    public Uni<Response> delete() {
        return endpoints.delete(caller.accountId()).map(done -> Response.noContent().build());
    }
}
