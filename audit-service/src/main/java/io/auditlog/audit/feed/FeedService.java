package io.auditlog.audit.feed;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.feed.FeedPosition;
import io.smallrye.mutiny.Uni;

/** Pages through the change feed for service consumers (notification, analytics). */
@ApplicationScoped
public class FeedService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final FeedRepository feed;

    FeedService(FeedRepository feed) {
        this.feed = feed;
    }

    /** A page of the feed and the position to continue from (the same position when nothing was new). */
    public record FeedPage(List<StoredEvent> events, FeedPosition next) {
    }

    public Uni<FeedPage> read(String after, String limit) {
        FeedPosition position = after == null || after.isEmpty() ? FeedPosition.START
                : FeedPosition.decode(after).orElseThrow(
                        () -> ProblemException.badRequest("after", "is not a position this feed issued"));
        int size = parseLimit(limit);
        return feed.after(position, size).map(events -> new FeedPage(events, events.isEmpty() ? position
                : new FeedPosition(events.get(events.size() - 1).txId(), events.get(events.size() - 1).seq())));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int size = Integer.parseInt(limit.trim());
            if (size >= 1 && size <= MAX_LIMIT) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
