package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.audit.api.ConsistencyProofView;
import io.auditlog.audit.api.LeafPage;
import io.auditlog.audit.api.TreeHeadList;
import io.auditlog.audit.service.IntegrityService;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** The tamper-evident log of the caller's own account: signed tree heads, public keys, consistency proofs. */
@Path("/api/v1/integrity")
@Produces(MediaType.APPLICATION_JSON)
public class IntegrityResource {

    private final IntegrityService integrity;
    private final CallerAccount caller;

    IntegrityResource(IntegrityService integrity, CallerAccount caller) {
        this.integrity = integrity;
        this.caller = caller;
    }

    @GET
    @Path("/tree-heads")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The account's signed tree heads, newest first")
    public Uni<TreeHeadList> treeHeads(@RestQuery String limit) {
        return integrity.heads(caller.accountId(), limit);
    }

    @GET
    @Path("/keys")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The public keys tree heads are signed with (a JWK set), earlier keys included")
    public ObjectNode keys() {
        caller.accountId();
        return integrity.keys();
    }

    @GET
    @Path("/leaves")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The account's sealed leaves in index order (event id and leaf hash), for a whole-log check")
    public Uni<LeafPage> leaves(@RestQuery String from, @RestQuery String limit) {
        return integrity.leaves(caller.accountId(), from, limit);
    }

    @GET
    @Path("/consistency")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The consistency proof between two signed tree sizes of the account")
    public Uni<ConsistencyProofView> consistency(@RestQuery String from, @RestQuery String to) {
        return integrity.consistency(caller.accountId(), from, to);
    }
}
