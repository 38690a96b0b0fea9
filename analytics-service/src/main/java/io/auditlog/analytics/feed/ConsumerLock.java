package io.auditlog.analytics.feed;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one lock that lets a single replica at a time apply feed pages or rebuild: a transaction-scoped PostgreSQL
 * advisory lock, released by the commit or rollback (or by the connection dying with a crashed replica).
 */
@ApplicationScoped
public class ConsumerLock {

    /** Any fixed number, the same in every replica: "analytics feed consumer". */
    static final long KEY = 0x616e616c79746963L;

    /** Takes the lock if free; a replica that does not get it leaves the work to the one that has it. */
    public Uni<Boolean> tryLock(SqlConnection transaction) {
        return transaction.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(KEY))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    /** Waits for the lock (the rebuild waits for the page being applied). */
    public Uni<Void> lock(SqlConnection transaction) {
        return transaction.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(KEY))
                .replaceWithVoid();
    }
}
