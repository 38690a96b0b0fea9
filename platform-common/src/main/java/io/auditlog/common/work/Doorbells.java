package io.auditlog.common.work;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * LISTEN on PostgreSQL channels, each ringing its handler. Only doorbells (docs/architecture.md): the rows are the
 * truth and a timer polls too. The connection, its own per service (named by {@code application_name}), reconnects
 * by itself when PostgreSQL restarts; every (re)subscription rings too, for what was announced while it was away.
 */
@ApplicationScoped
public class Doorbells {

    private static final Logger LOG = Logger.getLogger(Doorbells.class);
    private static final long RECHECK_AFTER_MILLIS = 250;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final List<PgSubscriber> subscribers = new CopyOnWriteArrayList<>();

    Doorbells(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        // Named as Quarkus names its own pools' clients ("<type>|<client name>"): Quarkus' Micrometer binder takes
        // the metric prefix from the part before the bar, and an unnamed client's metrics come out as m__queue_size.
        this.options = PgConnectOptions.fromUri(url).setUser(username).setPassword(password.orElse(""));
        this.options.setMetricsName("postgresql|doorbells");
    }

    /** Starts listening: {@code rings} maps each channel to what its NOTIFY (or a resubscription) runs. */
    public void listen(String applicationName, Map<String, Runnable> rings) {
        PgConnectOptions named = new PgConnectOptions(options).addProperty("application_name", applicationName);
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, named).reconnectPolicy(attempts -> 500L);
        rings.forEach((channel, ring) -> {
            AtomicBoolean recheckPending = new AtomicBoolean();
            subscriber.channel(channel).handler(payload -> ringAndRecheck(ring, recheckPending))
                    .subscribeHandler(ring::run);
        });
        subscribers.add(subscriber);
        subscriber.connect().subscribe().with(ok -> LOG.infof("Listening for %s", rings.keySet()),
                e -> LOG.warnf("Not listening for %s yet (the timer still polls): %s", rings.keySet(), e.getMessage()));
    }

    /**
     * Rings now and once more a moment later. A feed shows a record only once every older write transaction on the
     * server has ended, and the producer's NOTIFY comes at its own commit: a consumer that reads at once can find
     * the record still held back by another session's short transaction (another replica's, say) and would then
     * wait for its timer. Rechecks are coalesced: one at a time per channel.
     */
    private void ringAndRecheck(Runnable ring, AtomicBoolean pending) {
        ring.run();
        if (pending.compareAndSet(false, true)) {
            vertx.setTimer(RECHECK_AFTER_MILLIS, id -> {
                pending.set(false);
                ring.run();
            });
        }
    }

    void stop(@Observes ShutdownEvent event) {
        for (PgSubscriber subscriber : subscribers) {
            subscriber.close().await().indefinitely();
        }
    }
}
