package io.auditlog.local.testing.template.good.service;

import io.auditlog.local.testing.template.good.domain.Thing;
import io.auditlog.local.testing.template.good.repository.ThingRepository;
import io.auditlog.local.testing.template.good.worker.CopyWorker;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

public class ThingService {

    private final Pool pool;
    private final ThingRepository repository;

    ThingService(Pool pool, ThingRepository repository) {
        this.pool = pool;
        this.repository = repository;
    }

    public Uni<Thing> find(long id) {
        return pool.withTransaction(connection -> repository.find(connection, id));
    }

    /** Uses a job package: the declared exception allowAccess("service", "worker"). */
    public int copied() {
        return CopyWorker.copied();
    }
}
