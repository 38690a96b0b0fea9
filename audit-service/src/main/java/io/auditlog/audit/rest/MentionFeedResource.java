package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.audit.api.MentionFeedPage;
import io.auditlog.audit.api.MentionRecord;
import io.auditlog.audit.feed.MentionFeedService;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** The mentions feed of all accounts, for service consumers ({@link MentionFeedService} has the contract). */
@Path("/internal/v1/mentions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mentions feed")
public class MentionFeedResource {

    private final MentionFeedService feed;

    MentionFeedResource(MentionFeedService feed) {
        this.feed = feed;
    }

    @GET
    @RolesAllowed(Roles.FEED)
    @Operation(summary = "Mentions in comments, of all accounts, after a position: each (comment, person) once")
    public Uni<MentionFeedPage> read(@RestQuery String after, @RestQuery String limit) {
        return feed.read(after, limit).map(page -> new MentionFeedPage(page.entries().stream()
                .map(e -> new MentionRecord(e.commentId().toString(), e.eventId(), e.accountId(), e.authorName(),
                        e.mentionedUserId(), e.mentionedEmail(), e.excerpt(), e.createdAt()))
                .toList(), page.next().encode()));
    }
}
