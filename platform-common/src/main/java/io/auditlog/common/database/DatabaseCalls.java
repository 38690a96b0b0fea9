package io.auditlog.common.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

/**
 * Bounds a request's database work in time. The reactive PostgreSQL client has no query timeout, and a server that
 * is frozen (or behind a dead link) keeps TCP open, so without this a request would wait for as long as the server
 * does. The work itself is not cancelled: a transaction already sent may still commit, which is why every write the
 * platform accepts is idempotent (event ids, job ids) and a client told 503 can safely send it again.
 */
@ApplicationScoped
public class DatabaseCalls {

    @Inject
    DatabaseConfig config;

    /** {@code work}, failed with {@link DatabaseUnavailableException} when it has no answer within the timeout. */
    public <T> Uni<T> bounded(Uni<T> work) {
        return work.ifNoItem().after(config.requestTimeout()).failWith(() -> new DatabaseUnavailableException(
                "The database did not answer within " + config.requestTimeout().toMillis() + " ms"));
    }
}
