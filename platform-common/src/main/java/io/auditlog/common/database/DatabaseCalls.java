package io.auditlog.common.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

/**
 * Bounds a request's database work in time. The reactive PostgreSQL client has no query timeout, and a server that
 * is frozen (or behind a dead link) keeps TCP open, so without this a request would wait for as long as the server
 * does. The work itself is not cancelled: it runs to its end (commits or rolls back, closes its session) and only
 * its late answer is dropped. Cancelling it would be worse: for Hibernate Reactive the cancellation arrives on the
 * timer's thread, where the session refuses to close (HR000069), and the connection then stays "idle in
 * transaction" holding its locks. So a write answered 503 may still commit; event ids make resending an event safe.
 */
@ApplicationScoped
public class DatabaseCalls {

    @Inject
    DatabaseConfig config;

    /** {@code work}, failed with {@link DatabaseUnavailableException} when it has no answer within the timeout. */
    public <T> Uni<T> bounded(Uni<T> work) {
        Uni<T> detached = Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
        return detached.ifNoItem().after(config.requestTimeout()).failWith(() -> new DatabaseUnavailableException(
                "The database did not answer within " + config.requestTimeout().toMillis() + " ms"));
    }
}
