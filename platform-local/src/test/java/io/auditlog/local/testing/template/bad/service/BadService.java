package io.auditlog.local.testing.template.bad.service;

import java.sql.Connection;
import java.sql.SQLException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Breaks rule 3 (JDBC in an unnamed class) and rule 5 (SQL written and run outside repository). */
public class BadService {

    public Uni<Integer> count(Pool pool) {
        return pool.preparedQuery("SELECT count(*) FROM thing").execute().map(rows -> rows.size());
    }

    public boolean valid(Connection connection) throws SQLException {
        return connection.isValid(1);
    }
}
