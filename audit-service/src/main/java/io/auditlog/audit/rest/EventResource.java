package io.auditlog.audit.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.audit.rest.api.EventPageView;
import io.auditlog.audit.rest.api.EventView;
import io.auditlog.audit.service.EventQueryService;
import io.auditlog.audit.service.EventSearchParams;
import io.auditlog.audit.service.IngestService;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    private final IngestService ingest;
    private final EventQueryService queries;
    private final EventBodyReader bodies;
    private final EventViewMapper views;
    private final CallerAccount caller;

    EventResource(IngestService ingest, EventQueryService queries, EventBodyReader bodies, EventViewMapper views,
            CallerAccount caller) {
        this.ingest = ingest;
        this.queries = queries;
        this.bodies = bodies;
        this.views = views;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INGEST)
    @Operation(summary = "Record one event, or a batch {\"events\":[...]} of up to 1000 (all or nothing)")
    public Uni<Response> record(byte[] body) {
        EventBodyReader.Body events = bodies.read(body);
        return ingest.ingest(caller.accountId(), events.events(), events.batch()).map(result -> Response
                .status(result.anyCreated() ? Response.Status.CREATED : Response.Status.OK).entity(result).build());
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Search the account's log, newest first, one keyset page at a time")
    public Uni<EventPageView> search(@RestQuery String view, @RestQuery String from, @RestQuery String to,
            @RestQuery List<String> category, @RestQuery List<String> subcategory, @RestQuery List<String> action,
            @RestQuery List<String> actor, @RestQuery List<String> team, @RestQuery List<String> objectType,
            @RestQuery List<String> objectId, @RestQuery List<String> ip, @RestQuery String q,
            @RestQuery String limit, @RestQuery String cursor) {
        EventSearchParams params = new EventSearchParams(view, from, to, category, subcategory, action, actor, team,
                objectType, objectId, ip, q, limit, cursor);
        return queries.search(caller.accountId(), params).map(page -> new EventPageView(
                page.events().stream().map(e -> views.toView(e, page.plan())).toList(),
                page.next() == null ? null : page.next().encode()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "One event with its details")
    public Uni<EventView> get(@RestPath String id) {
        return queries.get(caller.accountId(), id).map(page -> views.toView(page.events().get(0), page.plan()));
    }
}
