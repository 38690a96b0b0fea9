package io.auditlog.audit.feed;

import java.util.function.Consumer;

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

    /** A checked request for a page: where it starts and how many events it may hold. */
    public record PageRequest(FeedPosition after, int limit) {
    }

    /** Checks the parameters, the position first: 400 naming the field that is not one. */
    public PageRequest request(String after, String limit) {
        FeedPosition position = after == null || after.isEmpty() ? FeedPosition.START
                : FeedPosition.decode(after).orElseThrow(
                        () -> ProblemException.badRequest("after", "is not a position this feed issued"));
        return new PageRequest(position, PageLimits.parse(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT));
    }

    /**
     * The page, each event handed to {@code sink} as the database sends it (see
     * {@link FeedRepository#after(FeedPosition, int, Consumer)}); answers the position to continue from (the
     * same position when nothing was new).
     */
    public Uni<FeedPosition> read(PageRequest request, Consumer<StoredEvent> sink) {
        return calls.bounded(feed.after(request.after(), request.limit(), sink));
    }
}
