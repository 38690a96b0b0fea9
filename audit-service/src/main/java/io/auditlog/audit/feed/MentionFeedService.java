package io.auditlog.audit.feed;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.MentionEntry;
import io.auditlog.audit.repository.MentionRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.feed.FeedPosition;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The mentions feed for the notification-service: a record per (comment, mentioned person), written with the
 * comment (NOTIFY audit_mentions only says "look now"). The change feed's contract: every record exactly once, in a
 * stable order, from a stored position.
 */
@ApplicationScoped
public class MentionFeedService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** A page of records and the position after the last (the same position when nothing was new). */
    public record Page(List<MentionEntry> entries, FeedPosition next) {
    }

    private final MentionRepository mentions;
    private final DatabaseCalls calls;

    MentionFeedService(MentionRepository mentions, DatabaseCalls calls) {
        this.mentions = mentions;
        this.calls = calls;
    }

    public Uni<Page> read(String after, String limit) {
        FeedPosition position = after == null || after.isEmpty() ? FeedPosition.START
                : FeedPosition.decode(after).orElseThrow(
                        () -> ProblemException.badRequest("after", "is not a position this feed issued"));
        int size = PageLimits.parse(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        return calls.bounded(mentions.after(position, size)).map(entries -> new Page(entries,
                entries.isEmpty() ? position : entries.get(entries.size() - 1).position()));
    }
}
