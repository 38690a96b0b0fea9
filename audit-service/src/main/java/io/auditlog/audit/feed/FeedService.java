package io.auditlog.audit.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.EventCatalog;
import io.auditlog.audit.domain.FeedPageEnd;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.audit.repository.FeedRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.feed.FeedPosition;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ListParameters;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** Pages through the change feed for service consumers (notification, analytics). */
@ApplicationScoped
public class FeedService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final Pool pool;
    private final FeedRepository feed;
    private final DatabaseCalls calls;

    FeedService(Pool pool, FeedRepository feed, DatabaseCalls calls) {
        this.pool = pool;
        this.feed = feed;
        this.calls = calls;
    }

    private static final Set<String> ACTIONS = Set.copyOf(EventCatalog.actionCodes());

    /**
     * A checked request for a page: where it starts, how many events it may pass, and the actions its items are
     * limited to (empty: every event is an item).
     */
    public record PageRequest(FeedPosition after, int limit, List<String> actions) {
    }

    /**
     * Checks the parameters, the position first: 400 naming the field that is not one. {@code action} is read as the
     * log reads its list parameters (repeated or comma-separated, empty parts dropped), each a code of the catalog.
     */
    public PageRequest request(String after, String limit, List<String> action) {
        FeedPosition position = after == null || after.isEmpty() ? FeedPosition.START
                : FeedPosition.decode(after).orElseThrow(
                        () -> ProblemException.badRequest("after", "is not a position this feed issued"));
        int pageLimit = PageLimits.parse(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        List<FieldProblem> problems = new ArrayList<>();
        List<String> actions = ListParameters.values("action", action, true, problems);
        actions.stream().filter(code -> !ACTIONS.contains(code)).findFirst().ifPresent(code -> problems.add(
                new FieldProblem("action", "unknown value \"" + code + "\"; must be an action code of the catalog")));
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new PageRequest(position, pageLimit, actions);
    }

    /**
     * The page, each event handed to {@code sink} as the database sends it (see
     * {@link FeedRepository#after(SqlConnection, FeedPosition, int, List, Consumer)}, in a transaction of its own);
     * answers the position to continue from (the same position when nothing was new) and the events passed. With
     * actions, only their events are handed on, but the page passes {@code limit} events of the feed as without.
     */
    public Uni<FeedPageEnd> read(PageRequest request, Consumer<StoredEvent> sink) {
        return calls.bounded(pool.withTransaction(transaction -> request.actions().isEmpty()
                ? feed.after(transaction, request.after(), request.limit(), sink)
                : feed.after(transaction, request.after(), request.limit(), request.actions(), sink)));
    }
}
