package io.auditlog.audit.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The monthly partitions of the event table (the functions of V1__audit_schema.sql do the work). */
@ApplicationScoped
public class PartitionRepository {

    /** What one maintenance run did, and how many partitions the event table has after it. */
    public record Maintained(int created, int dropped, int partitions) {
    }

    /** Advisory lock key: "audit partitions". */
    private static final long LOCK = 0x6175646974706172L;
    private static final String MAINTAIN = """
            SELECT audit.ensure_event_partitions($1::date, $2::date) AS created,
                   audit.drop_event_partitions_before($3) AS dropped""";
    private static final String COUNT = "SELECT count(*)::int AS partitions FROM pg_inherits"
            + " WHERE inhparent = 'audit.event'::regclass";

    /** Waits for other replicas' runs; held until the caller's transaction ends. */
    public Uni<Void> lock(SqlConnection connection) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(LOCK)).replaceWithVoid();
    }

    /** Creates the partitions from {@code first}'s month through {@code last}'s, drops those ending by {@code cutoff}. */
    public Uni<Maintained> maintain(SqlConnection connection, LocalDate first, LocalDate last, OffsetDateTime cutoff) {
        return connection.preparedQuery(MAINTAIN).execute(Tuple.of(first, last, cutoff))
                .chain(changed -> connection.query(COUNT).execute().map(count -> {
                    Row row = changed.iterator().next();
                    return new Maintained(row.getInteger("created"), row.getInteger("dropped"),
                            count.iterator().next().getInteger("partitions"));
                }));
    }
}
