package io.auditlog.audit.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.EventCursor;
import io.auditlog.audit.domain.EventFilter;
import io.auditlog.audit.domain.LogRead;
import io.auditlog.audit.domain.LogReader;
import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.audit.repository.EventQueryRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Answers an account's log queries within what its plan shows: starter and professional accounts see and filter
 * only login and security events.
 */
@ApplicationScoped
public class EventQueryService {

    private final EventQueryRepository events;
    private final EventSearchParser parser;
    private final PlanService plans;
    private final DatabaseCalls calls;
    private final SavedViewService savedViews;
    private final LogAccessService access;

    EventQueryService(EventQueryRepository events, EventSearchParser parser, PlanService plans, DatabaseCalls calls,
            SavedViewService savedViews, LogAccessService access) {
        this.access = access;
        this.events = events;
        this.parser = parser;
        this.plans = plans;
        this.calls = calls;
        this.savedViews = savedViews;
    }

    /** One page of events and the cursor of the next page (null on the last one). */
    public record Page(List<StoredEvent> events, EventCursor next, Plan plan) {
    }

    /**
     * A search by {@code userId}, whose view parameter may name a saved view the person may use: its filters,
     * narrowed by the request's own, in its order; the first page marks the view used. A search by a person
     * ({@code reader} not null) is recorded (LogAccessService) once the query is known to be allowed: the record is
     * written beside the page's query, on another pooled connection, and both must succeed before the page is
     * answered.
     */
    public Uni<Page> search(String accountId, String userId, EventSearchParams params, LogReader reader) {
        return checked(accountId, userId, params).chain(search -> calls.bounded(plans.planOf(accountId).chain(account -> {
            EventFilter filter = account.plan().narrow(search.filter());
            LogRead read = access.searched(reader, params);
            String recordId = read == null ? null : access.newEventId();
            Uni<List<StoredEvent>> query = events.search(accountId, filter.withoutEvent(recordId), search.cursor(),
                    search.limit() + 1, search.oldestFirst());
            Uni<String> record = access.record(read, recordId);
            return Uni.combine().all().unis(query, record).asTuple()
                    .map(both -> page(both.getItem1(), search, account.plan()));
        })));
    }

    /**
     * Checks a query as the search would (parameters, saved view, the plan's categories) and reads nothing: the
     * export-service's check of a report's filters with the requester's token. Nothing read, nothing recorded.
     */
    public Uni<Page> check(String accountId, String userId, EventSearchParams params) {
        return checked(accountId, userId, params).chain(search -> calls.bounded(plans.planOf(accountId).map(account -> {
            account.plan().narrow(search.filter());
            return new Page(List.of(), null, account.plan());
        })));
    }

    private Uni<EventSearch> checked(String accountId, String userId, EventSearchParams params) {
        return SavedViewService.isSavedViewId(params.view())
                ? savedViews.apply(accountId, userId, params.view(), params.cursor() == null)
                        .map(view -> parser.parse(ViewFilters.narrow(view.name(), view.filters(), params),
                                Instant.now(), view.oldestFirst()))
                : Uni.createFrom().item(parser.parse(params, Instant.now()));
    }

    /**
     * The event, or 404 when the account has no such event or its plan does not show it. An id no event can have
     * (NUL, 200 characters) is a 400 naming it, as at ingest, rather than a query the database refuses.
     */
    public Uni<Page> get(String accountId, String eventId) {
        return get(accountId, eventId, null);
    }

    /** The event as {@link #get(String, String)} finds it; opened by a person ({@code reader}), recorded. */
    public Uni<Page> get(String accountId, String eventId, LogReader reader) {
        if (!FieldChecks.isEventId(eventId)) {
            throw ProblemException.badRequest("id", "must be 1 to 128 letters, digits or . _ : -");
        }
        return calls.bounded(plans.planOf(accountId).chain(account -> events.findById(accountId, eventId).map(event -> {
            if (event == null || !account.plan().seesCategory(event.category())) {
                throw ProblemException.notFound("No event " + eventId + " in this account");
            }
            return new Page(List.of(event), null, account.plan());
        }).call(page -> access.record(access.viewed(reader, page.events().get(0))))));
    }

    private static Page page(List<StoredEvent> found, EventSearch search, Plan plan) {
        int limit = search.limit();
        if (found.size() <= limit) {
            return new Page(found, null, plan);
        }
        List<StoredEvent> page = found.subList(0, limit);
        return new Page(page, EventCursor.after(page.get(limit - 1), search.oldestFirst()), plan);
    }
}
