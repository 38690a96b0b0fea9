package io.auditlog.analytics.feed;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Listens for NOTIFY audit_feed and wakes the consumer. Only a doorbell: the feed is the truth, the timer polls
 * too, and the subscriber reconnects by itself when PostgreSQL restarts.
 */
@ApplicationScoped
public class FeedDoorbell {

    private static final Logger LOG = Logger.getLogger(FeedDoorbell.class);

    private final FeedConsumer consumer;
    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    FeedDoorbell(FeedConsumer consumer, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.consumer = consumer;
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url).setUser(username).setPassword(password.orElse(""));
    }

    void start(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
        subscriber.channel("audit_feed").handler(payload -> consumer.wake());
        subscriber.connect().subscribe().with(ok -> consumer.wake(),
                e -> LOG.warnf("Not listening for audit_feed yet (the timer still polls): %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close().await().indefinitely();
        }
    }
}
