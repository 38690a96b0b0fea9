package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.audit.api.FeedPageView;
import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.feed.FeedService;
import io.auditlog.audit.service.EventViewMapper;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

@Path("/internal/v1/feed")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Change feed")
public class FeedResource {

    private final FeedService feed;
    private final EventViewMapper views;

    FeedResource(FeedService feed, EventViewMapper views) {
        this.feed = feed;
        this.views = views;
    }

    @GET
    @RolesAllowed(Roles.FEED)
    @Operation(summary = "Committed events of all accounts after a position, each exactly once, in a stable order")
    public Uni<FeedPageView> read(@RestQuery String after, @RestQuery String limit) {
        return feed.read(after, limit).map(page -> new FeedPageView(
                page.events().stream().map(e -> views.toView(e, Plan.ENTERPRISE)).toList(), page.next().encode()));
    }
}
