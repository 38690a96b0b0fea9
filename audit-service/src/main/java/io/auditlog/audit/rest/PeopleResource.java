package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.audit.api.PeopleView;
import io.auditlog.audit.service.PeopleService;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** The account's super admins, for the mention picker: everyone who has used the API as one. */
@Path("/api/v1/people")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comments")
public class PeopleResource {

    private final PeopleService people;
    private final CallerAccount caller;

    PeopleResource(PeopleService people, CallerAccount caller) {
        this.people = people;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The account's super admins whose name, address or user id contains q, by name "
            + "(limit 1..100, default 20)")
    public Uni<PeopleView> search(@RestQuery String q, @RestQuery String limit) {
        return people.search(caller.accountId(), q, limit);
    }
}
