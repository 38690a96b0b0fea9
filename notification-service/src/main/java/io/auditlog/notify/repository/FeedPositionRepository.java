package io.auditlog.notify.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.feed.FeedPositions;

/**
 * The stored positions of the feeds this service reads, rows of {@code notify.feed_position} kept by the platform's
 * feed engine ({@link FeedPositions}), each with its consumer's advisory lock key (fixed numbers, the same in every
 * replica, used by nothing else in the database).
 */
@ApplicationScoped
public class FeedPositionRepository {

    /** The audit-service's change feed. */
    public static final String AUDIT = "audit";
    /** The export-service's export-ready feed. */
    public static final String EXPORT_READY = "export-ready";

    /** The audit-service's mentions feed. */
    public static final String MENTIONS = "mentions";

    private final FeedPositions audit = FeedPositions.of("notify.feed_position", "feed", AUDIT, "consumed",
            0x6e6f746966790001L);
    private final FeedPositions exportReady = FeedPositions.of("notify.feed_position", "feed", EXPORT_READY,
            "consumed", 0x6e6f746966790002L);
    private final FeedPositions mentions = FeedPositions.of("notify.feed_position", "feed", MENTIONS, "consumed",
            0x6e6f746966790003L);

    public FeedPositions audit() {
        return audit;
    }

    public FeedPositions exportReady() {
        return exportReady;
    }

    public FeedPositions mentions() {
        return mentions;
    }
}
