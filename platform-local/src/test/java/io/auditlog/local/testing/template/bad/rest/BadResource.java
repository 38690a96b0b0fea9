package io.auditlog.local.testing.template.bad.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Breaks rule 4: a resource opens a transaction. */
public class BadResource {

    public static String path() {
        return "/things";
    }

    public Uni<Void> touch(Pool pool) {
        return pool.withTransaction(connection -> Uni.createFrom().voidItem());
    }
}
