package io.auditlog.notify.repository;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Deletes what the service no longer keeps; deleting the same rows twice (two replicas at once) is harmless. */
@ApplicationScoped
public class RetentionRepository {

    /** Notifications created longer ago than {@code age} (their outbox rows go with them); answers how many. */
    public Uni<Integer> deleteNotificationsOlderThan(SqlClient client, Duration age) {
        return client.preparedQuery(
                "DELETE FROM notify.notification WHERE created_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) age.toSeconds())).map(RowSet::rowCount);
    }

    /** Export-day counters of days that ended longer ago than {@code age}; answers how many. */
    public Uni<Integer> deleteExportDaysOlderThan(SqlClient client, Duration age) {
        return client.preparedQuery(
                "DELETE FROM notify.export_day WHERE day < (now() - make_interval(secs => $1))::date")
                .execute(Tuple.of((double) age.toSeconds())).map(RowSet::rowCount);
    }
}
