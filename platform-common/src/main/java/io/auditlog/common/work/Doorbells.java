package io.auditlog.common.work;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * LISTEN on PostgreSQL channels, each ringing its handler. Only doorbells (ARCHITECTURE.md): the rows are the
 * truth and a timer polls too. The connection, its own per service (named by {@code application_name}), reconnects
 * by itself when PostgreSQL restarts; every (re)subscription rings too, for what was announced while it was away.
 */
@ApplicationScoped
public class Doorbells {

    private static final Logger LOG = Logger.getLogger(Doorbells.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final List<PgSubscriber> subscribers = new CopyOnWriteArrayList<>();

    Doorbells(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url).setUser(username).setPassword(password.orElse(""));
    }

    /** Starts listening: {@code rings} maps each channel to what its NOTIFY (or a resubscription) runs. */
    public void listen(String applicationName, Map<String, Runnable> rings) {
        PgConnectOptions named = new PgConnectOptions(options).addProperty("application_name", applicationName);
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, named).reconnectPolicy(attempts -> 500L);
        rings.forEach((channel, ring) -> subscriber.channel(channel).handler(payload -> ring.run())
                .subscribeHandler(ring::run));
        subscribers.add(subscriber);
        subscriber.connect().subscribe().with(ok -> LOG.infof("Listening for %s", rings.keySet()),
                e -> LOG.warnf("Not listening for %s yet (the timer still polls): %s", rings.keySet(), e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        for (PgSubscriber subscriber : subscribers) {
            subscriber.close().await().indefinitely();
        }
    }
}
