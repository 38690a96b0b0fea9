package io.auditlog.local.testing.template.bad.repository;

import io.auditlog.local.testing.template.bad.rest.BadResource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Breaks rule 2 (uses rest) and rule 4 (opens a transaction). */
public class BadRepository {

    /** Ends a transaction it never began: breaks rule 4 in SQL too. */
    public static final String END = "COMMIT";

    public Uni<Integer> count(Pool pool) {
        return pool.withTransaction(connection -> connection.query("SELECT count(*) FROM thing " + BadResource.path())
                .execute().map(rows -> rows.iterator().next().getInteger(0)));
    }
}
