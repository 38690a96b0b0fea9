package io.auditlog.audit.service;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.audit.api.EventInput;
import io.auditlog.audit.api.IngestResponse;
import io.auditlog.audit.api.IngestResult;
import io.auditlog.audit.domain.NewEvent;
import io.auditlog.audit.repository.EventRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Records events: validates the whole batch, then in one transaction stores the events whose idempotency keys
 * are new and rings the feed's doorbell. Either all of it commits or the caller gets an error; a failed
 * write is never swallowed.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final Pool pool;
    private final EventRepository events;
    private final EventInputValidator validator;
    private final Counter created;
    private final Counter repeated;
    private final DatabaseCalls calls;

    IngestService(Pool pool, EventRepository events, EventInputValidator validator, MeterRegistry metrics,
            DatabaseCalls calls) {
        this.pool = pool;
        this.calls = calls;
        this.events = events;
        this.validator = validator;
        this.created = metrics.counter("audit.events.ingested", "outcome", "created");
        this.repeated = metrics.counter("audit.events.ingested", "outcome", "repeat");
    }

    /** {@code checkText}: false when the body's bytes showed that no string of it can fail TextInput's checks. */
    public Uni<IngestResponse> ingest(String accountId, List<EventInput> inputs, boolean batch, boolean checkText) {
        List<NewEvent> valid = validator.validate(inputs, batch, checkText);
        return calls.bounded(pool.withTransaction(connection -> events.insertNew(connection, accountId, valid)
                .call(newIds -> newIds.isEmpty() ? Uni.createFrom().voidItem() : events.signalFeed(connection))))
                .map(newIds -> respond(accountId, valid, newIds));
    }

    private IngestResponse respond(String accountId, List<NewEvent> valid, Set<String> newIds) {
        created.increment(newIds.size());
        repeated.increment(valid.size() - newIds.size());
        if (newIds.size() < valid.size()) {
            LOG.debugf("Account %s sent %d events already stored", accountId, valid.size() - newIds.size());
        }
        return new IngestResponse(valid.stream().map(e -> new IngestResult(e.id(), newIds.contains(e.id()))).toList());
    }
}
