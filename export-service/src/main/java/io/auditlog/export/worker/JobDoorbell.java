package io.auditlog.export.worker;

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
 * Listens for NOTIFY export_jobs and wakes the worker. Only a doorbell: the job rows are the truth, the timer
 * polls too, and the subscriber reconnects by itself when PostgreSQL restarts.
 */
@ApplicationScoped
public class JobDoorbell {

    private static final Logger LOG = Logger.getLogger(JobDoorbell.class);

    private final ExportWorker worker;
    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    JobDoorbell(ExportWorker worker, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.worker = worker;
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url).setUser(username).setPassword(password.orElse(""));
    }

    void start(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
        subscriber.channel("export_jobs").handler(payload -> worker.wake());
        subscriber.connect().subscribe().with(ok -> worker.wake(),
                e -> LOG.warnf("Not listening for export_jobs yet (the timer still polls): %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close().await().indefinitely();
        }
    }
}
