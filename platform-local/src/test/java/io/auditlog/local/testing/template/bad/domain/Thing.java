package io.auditlog.local.testing.template.bad.domain;

import io.auditlog.local.testing.template.bad.service.BadService;
import io.vertx.mutiny.sqlclient.Tuple;

/** Breaks rule 2: the domain uses the service layer, and a database client type. */
public record Thing(long id, BadService owner) {

    public Tuple key() {
        return Tuple.of(id);
    }
}
