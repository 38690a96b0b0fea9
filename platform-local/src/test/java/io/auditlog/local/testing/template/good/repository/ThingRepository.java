package io.auditlog.local.testing.template.good.repository;

import io.auditlog.local.testing.template.good.domain.Thing;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

public class ThingRepository {

    public static String ping() {
        return "SELECT 1";
    }

    public Uni<Thing> find(SqlConnection connection, long id) {
        return connection.preparedQuery("SELECT id, name FROM thing WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return new Thing(row.getLong("id"), row.getString("name"));
                });
    }
}
