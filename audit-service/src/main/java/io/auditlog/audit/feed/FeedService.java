package io.auditlog.audit.feed;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.audit.repository.FeedRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.feed.FeedPosition;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Pages through the change feed for service consumers (notification, analytics). */
@ApplicationScoped
public class FeedService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final FeedRepository feed;
    private final DatabaseCalls calls;

    FeedService(FeedRepository feed, DatabaseCalls calls) {
        this.feed = feed;
        this.calls = calls;
    }

    /** A page of the feed and the position to continue from (the same position when nothing was new). */
    public record FeedPage(List<StoredEvent> events, FeedPosition next) {
    }

    public Uni<FeedPage> read(String after, String limit) {
        FeedPosition position = after == null || after.isEmpty() ? FeedPosition.START
                : FeedPosition.decode(after).orElseThrow(
                        () -> ProblemException.badRequest("after", "is not a position this feed issued"));
        int size = PageLimits.parse(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        return calls.bounded(feed.after(position, size)).map(events -> new FeedPage(events, events.isEmpty() ? position
                : new FeedPosition(events.get(events.size() - 1).txId(), events.get(events.size() - 1).seq())));
    }
}
