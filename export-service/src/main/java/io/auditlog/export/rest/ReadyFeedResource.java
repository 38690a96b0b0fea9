package io.auditlog.export.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.common.tenancy.Roles;
import io.auditlog.export.api.ReadyFeedPage;
import io.auditlog.export.api.ReadyRecord;
import io.auditlog.export.feed.ReadyFeedService;
import io.smallrye.mutiny.Uni;

/** The export-ready feed of all accounts, for service consumers ({@link ReadyFeedService} has the contract). */
@Path("/internal/v1/export-ready")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Export-ready feed")
public class ReadyFeedResource {

    private final ReadyFeedService feed;

    ReadyFeedResource(ReadyFeedService feed) {
        this.feed = feed;
    }

    @GET
    @RolesAllowed(Roles.FEED)
    @Operation(summary = "Export-ready records of all accounts after a position")
    public Uni<ReadyFeedPage> read(@RestQuery String after, @RestQuery String limit) {
        return feed.read(after, limit).map(page -> new ReadyFeedPage(page.entries().stream()
                .map(e -> new ReadyRecord(e.jobId().toString(), e.accountId(), e.requestedBy(), e.requesterEmail(),
                        e.createdAt(), "/api/v1/exports/" + e.jobId()))
                .toList(), page.next().encode()));
    }
}
