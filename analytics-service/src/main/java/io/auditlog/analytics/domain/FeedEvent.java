package io.auditlog.analytics.domain;

import java.time.Instant;

/**
 * The fields of a change-feed event (platform-common's {@link io.auditlog.common.feed.FeedEvent}) that the rollups
 * count by; the rest of the event is ignored. Absent optional fields are null.
 */
public record FeedEvent(String accountId, Instant occurredAt, String category, String subcategory, String action,
        String actorId, String actorEmail, String objectType, String objectId) {

    /** What the rollups count of an event of the feed. */
    public static FeedEvent of(io.auditlog.common.feed.FeedEvent event) {
        var actor = event.actor();
        var object = event.object();
        return new FeedEvent(event.accountId(), event.occurredAt(), event.category(), event.subcategory(),
                event.action(), actor == null ? null : actor.id(), actor == null ? null : actor.email(),
                object == null ? null : object.type(), object == null ? null : object.id());
    }
}
