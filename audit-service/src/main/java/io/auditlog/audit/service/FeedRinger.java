package io.auditlog.audit.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.repository.EventRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.work.WakeupLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Rings the change feed's doorbell (NOTIFY audit_feed) for events written outside an ingest's transaction (the
 * AUDIT_LOG events of people's reads), once for all of them within {@code audit.log-access.ring-after}, after they
 * committed. A ring wakes every feed consumer of every replica; rung inside each read's own commit, it did so while
 * that read's answer was still being made, once per person's search (docs/decisions.md, "Who looked at the log").
 *
 * <p>
 * The platform's {@link WakeupLoop} does the coalescing: woken while idle it settles for the delay, then rings once;
 * a call while a ring is being sent rings once more after it, so no event misses a ring, and a database that does
 * not answer holds one ring, not a queue of them. The ring is a hint: one that fails is dropped, and the consumers
 * find the events at their next timer pass.
 */
@ApplicationScoped
public class FeedRinger {

    private static final Logger LOG = Logger.getLogger(FeedRinger.class);

    private final WakeupLoop loop;

    FeedRinger(EventRepository events, Pool pool, DatabaseCalls calls, AuditConfig config) {
        this.loop = new WakeupLoop("feed-ringer", () -> {
            calls.bounded(events.signalFeed(pool)).await().indefinitely();
            return false;
        }, failure -> LOG.debugf("The feed's doorbell did not ring (%s); its consumers' timers find the events",
                failure.getMessage()), config.logAccess().ringAfter());
    }

    /** Rings the doorbell soon, for events that committed before this call; returns at once. */
    public void ringSoon() {
        loop.wake();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.close();
    }
}
