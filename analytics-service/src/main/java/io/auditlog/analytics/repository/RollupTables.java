package io.auditlog.analytics.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Every rollup table as a whole: what a rebuild counts and clears, inside the caller's transaction. */
@ApplicationScoped
public class RollupTables {

    private static final List<String> TABLES = List.of("summary_hour", "breakdown_hour", "activity_hour",
            "activity_quarter", "actor_quarter", "object_quarter");
    private static final String COUNT = "SELECT " + String.join(" + ", TABLES.stream()
            .map(table -> "(SELECT count(*) FROM analytics." + table + ")").toList()) + " AS row_count";
    private static final String CLEAR = "TRUNCATE " + String.join(", ", TABLES.stream()
            .map(table -> "analytics." + table).toList());

    /** How many rows the rollup tables hold together. */
    public Uni<Long> rowCount(SqlClient client) {
        return client.query(COUNT).execute().map(rows -> rows.iterator().next().getLong("row_count"));
    }

    /** Empties every rollup table (the feed position is the caller's to reset in the same transaction). */
    public Uni<Void> clear(SqlClient client) {
        return client.query(CLEAR).execute().replaceWithVoid();
    }
}
