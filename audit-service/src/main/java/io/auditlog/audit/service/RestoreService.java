package io.auditlog.audit.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.api.RestoreRequester;
import io.auditlog.audit.api.RestoreStatusView;
import io.auditlog.audit.api.RestoreView;
import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.ActingAdmin;
import io.auditlog.audit.domain.Restore;
import io.auditlog.audit.domain.RestoreEndpoint;
import io.auditlog.audit.domain.RestoreRefusal;
import io.auditlog.audit.domain.RestoreState;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.audit.repository.EventRepository;
import io.auditlog.audit.repository.RestoreRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Restores asked from the log: whether a deletion can be restored (a delete action within the window, an endpoint
 * registered, none pending) and the request itself, stored with its audit event in one transaction. The delivery
 * job ({@code io.auditlog.audit.restore}) then sends it to the producer.
 */
@ApplicationScoped
public class RestoreService {

    /** The actions that delete a record its producer can bring back (PERMANENT_DELETE and PURGE say they cannot). */
    static final Set<String> DELETE_ACTIONS = Set.of("DELETE");

    private final Pool pool;
    private final RestoreRepository restores;
    private final EventRepository events;
    private final EventQueryService queries;
    private final RestoreEvents restoreEvents;
    private final DatabaseCalls calls;
    private final Duration window;

    RestoreService(Pool pool, RestoreRepository restores, EventRepository events, EventQueryService queries,
            RestoreEvents restoreEvents, DatabaseCalls calls, AuditConfig config) {
        this.pool = pool;
        this.restores = restores;
        this.events = events;
        this.queries = queries;
        this.restoreEvents = restoreEvents;
        this.calls = calls;
        this.window = Duration.ofDays(config.restore().windowDays());
    }

    public Uni<RestoreStatusView> status(String accountId, String eventId) {
        return queries.get(accountId, eventId).chain(page -> {
            StoredEvent deletion = page.events().get(0);
            return calls.bounded(restores.endpoint(pool, accountId).chain(endpoint -> restores
                    .ofDeletion(pool, accountId, eventId).map(all -> {
                        RestoreRefusal refusal = refusal(deletion, endpoint, all, Instant.now());
                        return new RestoreStatusView(refusal == null, refusal == null ? null : refusal.name(),
                                isDelete(deletion) ? restorableUntil(deletion) : null,
                                all.stream().map(RestoreService::view).toList());
                    })));
        });
    }

    /** Asks for a restore: 409 with the reason when the deletion cannot be restored now. */
    public Uni<RestoreView> request(ActingAdmin who, String eventId) {
        return queries.get(who.accountId(), eventId).chain(page -> {
            StoredEvent deletion = page.events().get(0);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            UUID id = UUID.randomUUID();
            return calls.bounded(pool.withTransaction(connection -> restores.endpoint(connection, who.accountId())
                    .chain(endpoint -> restores.ofDeletion(connection, who.accountId(), eventId).chain(all -> {
                        RestoreRefusal refusal = refusal(deletion, endpoint, all, now);
                        if (refusal != null) {
                            throw refused(refusal, deletion);
                        }
                        Restore restore = new Restore(id, who.accountId(), eventId,
                                restoreEvents.payload(id, deletion, who.userId(), who.name(), now), who.userId(),
                                who.name(), now, RestoreState.PENDING, 0, null, now, null, null,
                                RestoreEvents.requestEventId(id), null);
                        return restores.insert(connection, restore);
                    }))
                    .call(stored -> events.insertNew(connection, who.accountId(), List.of(restoreEvents.requested(id,
                            deletion, who.userId(), who.name(), who.email(), now))))
                    .call(stored -> events.signalFeed(connection))))
                    .onFailure(RestoreService::isSecondPending)
                    .transform(e -> refused(RestoreRefusal.PENDING, deletion))
                    .map(RestoreService::view);
        });
    }

    private RestoreRefusal refusal(StoredEvent deletion, RestoreEndpoint endpoint, List<Restore> all, Instant now) {
        if (!isDelete(deletion)) {
            return RestoreRefusal.NOT_A_DELETE;
        }
        if (!now.isBefore(restorableUntil(deletion))) {
            return RestoreRefusal.TOO_OLD;
        }
        if (endpoint == null) {
            return RestoreRefusal.NO_ENDPOINT;
        }
        if (all.stream().anyMatch(r -> r.state() == RestoreState.PENDING)) {
            return RestoreRefusal.PENDING;
        }
        return null;
    }

    private RestoreRefusedException refused(RestoreRefusal refusal, StoredEvent deletion) {
        String detail = switch (refusal) {
            case NOT_A_DELETE -> "Only a delete action on an object can be restored; this event is "
                    + deletion.category() + "/" + deletion.action()
                    + (deletion.object() == null || deletion.object().id() == null ? " without an object" : "");
            case TOO_OLD -> "A deletion can be restored within " + window.toDays() + " days; this one could be until "
                    + restorableUntil(deletion);
            case NO_ENDPOINT -> "The account's producer has registered no restore endpoint "
                    + "(PUT /api/v1/restore-endpoint), so nothing can carry the restore out";
            case PENDING -> "A restore of this deletion is already pending; wait for its outcome";
        };
        return new RestoreRefusedException(refusal, detail);
    }

    private static boolean isDelete(StoredEvent e) {
        return DELETE_ACTIONS.contains(e.action()) && e.object() != null && e.object().id() != null
                && e.object().type() != null;
    }

    private Instant restorableUntil(StoredEvent deletion) {
        return deletion.occurredAt().plus(window);
    }

    /** Two requests at once: the later INSERT met the one-pending-per-deletion index. */
    private static boolean isSecondPending(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && RestoreRepository.UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    static RestoreView view(Restore r) {
        return new RestoreView(r.id().toString(), r.state().name(), r.requestedAt(),
                new RestoreRequester(r.requestedById(), r.requestedByName()), r.attempts(), r.lastAttemptAt(),
                r.state() == RestoreState.PENDING ? r.nextAttemptAt() : null, r.completedAt(), r.lastError(),
                r.requestEventId(), r.outcomeEventId());
    }
}
