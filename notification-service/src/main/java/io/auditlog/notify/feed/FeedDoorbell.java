package io.auditlog.notify.feed;

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
 * Listens for NOTIFY audit_feed and NOTIFY export_ready and wakes the matching consumer. Only a doorbell: the
 * producers' feeds are the truth, the timer polls too, and the subscriber reconnects by itself (and then wakes both
 * consumers, for what was announced while it was away) when PostgreSQL restarts.
 */
@ApplicationScoped
public class FeedDoorbell {

    private static final Logger LOG = Logger.getLogger(FeedDoorbell.class);

    private final FeedWorkers workers;
    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    FeedDoorbell(FeedWorkers workers, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.workers = workers;
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url).setUser(username).setPassword(password.orElse(""))
                .addProperty("application_name", "notification-service-listener");
    }

    void start(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 500L);
        // (Re)subscribing also wakes the consumer: what was announced while the connection was away is read now.
        subscriber.channel("audit_feed").handler(payload -> workers.wakeAudit()).subscribeHandler(workers::wakeAudit);
        subscriber.channel("export_ready").handler(payload -> workers.wakeExportReady())
                .subscribeHandler(workers::wakeExportReady);
        subscriber.connect().subscribe().with(ok -> LOG.info("Listening for audit_feed and export_ready"),
                e -> LOG.warnf("Not listening for feed notifications yet (the timer still polls): %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close().await().indefinitely();
        }
    }
}
