package io.auditlog.audit.service;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.repository.EventRepository;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Rings the change feed's doorbell (NOTIFY audit_feed) for events written outside an ingest's transaction (the
 * AUDIT_LOG events of people's reads), once for all of them within {@code audit.log-access.ring-after}, after they
 * committed. A ring wakes every feed consumer of every replica; rung inside each read's own commit, it did so while
 * that read's answer was still being made, once per person's search (docs/decisions.md, "Who looked at the log").
 *
 * <p>
 * The ring is a hint: one that fails (the database away) is dropped, and the consumers find the events at their
 * next timer pass. No event misses a ring: the flag is cleared before the ring is sent, so an event that finds it
 * set committed before that ring, and one that finds it clear schedules a ring of its own.
 */
@ApplicationScoped
public class FeedRinger {

    private static final Logger LOG = Logger.getLogger(FeedRinger.class);

    private final EventRepository events;
    private final Pool pool;
    private final Vertx vertx;
    private final long delayMillis;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    FeedRinger(EventRepository events, Pool pool, Vertx vertx, AuditConfig config) {
        this.events = events;
        this.pool = pool;
        this.vertx = vertx;
        this.delayMillis = config.logAccess().ringAfter().toMillis();
    }

    /** Rings the doorbell soon, for events that committed before this call; returns at once. */
    public void ringSoon() {
        if (delayMillis <= 0) {
            ring();
        } else if (scheduled.compareAndSet(false, true)) {
            vertx.setTimer(delayMillis, timer -> {
                scheduled.set(false);
                ring();
            });
        }
    }

    private void ring() {
        events.signalFeed(pool).subscribe().with(rang -> {
        }, failure -> LOG.debugf("The feed's doorbell did not ring (%s); its consumers' timers find the events",
                failure.getMessage()));
    }
}
