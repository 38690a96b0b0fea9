package io.auditlog.notify.repository;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Export actions per account and UTC day, and whether the day's multiple-exports alert has fired. */
@ApplicationScoped
public class ExportDayRepository {

    private static final String ADD = """
            INSERT INTO notify.export_day AS d (account_id, day, exports) VALUES ($1, $2, $3)
            ON CONFLICT (account_id, day) DO UPDATE SET exports = d.exports + EXCLUDED.exports
            RETURNING exports, alerted_at IS NOT NULL AS alerted""";
    private static final String ALERTED = "UPDATE notify.export_day SET alerted_at = now() WHERE account_id = $1 AND day = $2";

    /** The day's count after adding {@code added}, and whether its alert has fired already. */
    public record Count(int exports, boolean alerted) {
    }

    public Uni<Count> add(SqlClient client, String accountId, LocalDate day, int added) {
        return client.preparedQuery(ADD).execute(Tuple.of(accountId, day, added)).map(rows -> {
            Row row = rows.iterator().next();
            return new Count(row.getInteger("exports"), row.getBoolean("alerted"));
        });
    }

    public Uni<Void> markAlerted(SqlClient client, String accountId, LocalDate day) {
        return client.preparedQuery(ALERTED).execute(Tuple.of(accountId, day)).replaceWithVoid();
    }
}
