package io.auditlog.audit.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.api.FeedPageView;
import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.feed.FeedService;
import io.auditlog.audit.service.EventViewMapper;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

@Path("/internal/v1/feed")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Change feed")
public class FeedResource {

    private final FeedService feed;
    private final EventViewMapper views;
    private final ObjectMapper json;

    FeedResource(FeedService feed, EventViewMapper views, ObjectMapper json) {
        this.feed = feed;
        this.views = views;
        this.json = json;
    }

    /**
     * The page is written to one buffer as its rows arrive and sent in one write (with its length) rather than
     * returned as the record: Quarkus's Jackson writer streams into the response in 8 KB pieces, each appended to the
     * connection's buffers, which was a sixth of a 1000-event page's time; and the record could only be written once
     * the whole page had been read. Same JSON ({@link FeedPageWriter}).
     */
    @GET
    @RolesAllowed(Roles.FEED)
    @Operation(summary = "Committed events of all accounts after a position, each exactly once, in a stable order",
            description = "A page passes up to limit events of the feed. With action (catalog codes, repeated or "
                    + "comma-separated), only the events of those actions are items; next and scanned still cover "
                    + "every event the page passed.")
    @APIResponse(responseCode = "200", description = "A page of the feed and the position to continue from",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FeedPageView.class)))
    public Uni<Buffer> read(@RestQuery String after, @RestQuery String limit, @RestQuery List<String> action) {
        FeedService.PageRequest request = feed.request(after, limit, action);
        FeedPageWriter page = new FeedPageWriter(json, request.actions().isEmpty() ? request.limit() : 16);
        return feed.read(request, event -> page.item(views.toView(event, Plan.ENTERPRISE))).map(page::finish);
    }
}
