package io.auditlog.export.feed;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.feed.FeedPosition;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.export.domain.ReadyEntry;
import io.auditlog.export.repository.ReadyFeedRepository;
import io.smallrye.mutiny.Uni;

/**
 * The export-ready feed for the notification-service: the durable records the worker writes when a report
 * completes, of all accounts (NOTIFY export_ready only says "look now"). Same contract as the audit feed: every
 * record exactly once, in a stable order, from a stored position.
 */
@ApplicationScoped
public class ReadyFeedService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** A page of records and the position after the last (the same position when nothing was new). */
    public record Page(List<ReadyEntry> entries, FeedPosition next) {
    }

    private final ReadyFeedRepository feed;
    private final DatabaseCalls calls;

    ReadyFeedService(ReadyFeedRepository feed, DatabaseCalls calls) {
        this.feed = feed;
        this.calls = calls;
    }

    /** The page after {@code after} (a position this feed issued, or none for the start), 400s naming the parameter. */
    public Uni<Page> read(String after, String limit) {
        FeedPosition position = after == null || after.isEmpty() ? FeedPosition.START
                : FeedPosition.decode(after).orElseThrow(
                        () -> ProblemException.badRequest("after", "is not a position this feed issued"));
        int size = PageLimits.parse(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        return calls.bounded(feed.after(position, size)).map(entries -> new Page(entries,
                entries.isEmpty() ? position : entries.get(entries.size() - 1).position()));
    }
}
