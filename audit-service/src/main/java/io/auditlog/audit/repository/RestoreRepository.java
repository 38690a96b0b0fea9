package io.auditlog.audit.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.Restore;
import io.auditlog.audit.domain.RestoreEndpoint;
import io.auditlog.audit.domain.RestoreState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Restore endpoints and restores, with the reactive PostgreSQL client: a restore's state change and the audit
 * event describing it are written in one transaction on one connection, and the event is written by
 * {@link EventRepository} on that client. The caller passes the client (a pool, or a transaction's connection).
 */
@ApplicationScoped
public class RestoreRepository {

    private static final String RESTORE_COLUMNS = "restore_id, account_id, deletion_event_id, payload, requested_by_id,"
            + " requested_by_name, requested_at, state, attempts, last_attempt_at, next_attempt_at, completed_at,"
            + " last_error, request_event_id, outcome_event_id";

    /** SQLSTATE unique_violation: the second pending restore of one deletion. */
    public static final String UNIQUE_VIOLATION = "23505";

    public Uni<RestoreEndpoint> endpoint(SqlClient client, String accountId) {
        return client.preparedQuery("SELECT account_id, url, secret_cipher, secret_nonce, key_id, updated_at, "
                + "secret_set_at FROM audit.restore_endpoint WHERE account_id = $1").execute(Tuple.of(accountId))
                .map(rows -> rows.size() == 0 ? null : toEndpoint(rows.iterator().next()));
    }

    public Uni<RestoreEndpoint> saveEndpoint(SqlClient client, RestoreEndpoint e) {
        return client.preparedQuery("INSERT INTO audit.restore_endpoint (account_id, url, secret_cipher, secret_nonce,"
                + " key_id, updated_at, secret_set_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT (account_id) DO UPDATE SET url = EXCLUDED.url, secret_cipher = EXCLUDED.secret_cipher,"
                + " secret_nonce = EXCLUDED.secret_nonce, key_id = EXCLUDED.key_id, updated_at = EXCLUDED.updated_at,"
                + " secret_set_at = EXCLUDED.secret_set_at"
                + " RETURNING account_id, url, secret_cipher, secret_nonce, key_id, updated_at, secret_set_at")
                .execute(Tuple.tuple().addValue(e.accountId()).addValue(e.url())
                        .addValue(io.vertx.core.buffer.Buffer.buffer(e.secretCipher()))
                        .addValue(io.vertx.core.buffer.Buffer.buffer(e.secretNonce())).addValue(e.keyId())
                        .addValue(utc(e.updatedAt())).addValue(utc(e.secretSetAt())))
                .map(rows -> toEndpoint(rows.iterator().next()));
    }

    /** Whether there was one to delete. */
    public Uni<Boolean> deleteEndpoint(SqlClient client, String accountId) {
        return client.preparedQuery("DELETE FROM audit.restore_endpoint WHERE account_id = $1")
                .execute(Tuple.of(accountId)).map(rows -> rows.rowCount() > 0);
    }

    /** The deletion's restores, newest first. */
    public Uni<List<Restore>> ofDeletion(SqlClient client, String accountId, String deletionEventId) {
        return client.preparedQuery("SELECT " + RESTORE_COLUMNS + " FROM audit.restore"
                + " WHERE account_id = $1 AND deletion_event_id = $2 ORDER BY requested_at DESC, restore_id")
                .execute(Tuple.of(accountId, deletionEventId)).map(RestoreRepository::toRestores);
    }

    public Uni<Restore> find(SqlClient client, UUID restoreId) {
        return client.preparedQuery("SELECT " + RESTORE_COLUMNS + " FROM audit.restore WHERE restore_id = $1")
                .execute(Tuple.of(restoreId)).map(rows -> rows.size() == 0 ? null : toRestore(rows.iterator().next()));
    }

    /** Inserts a pending restore; a second pending one of a deletion fails with {@link #UNIQUE_VIOLATION}. */
    public Uni<Restore> insert(SqlClient client, Restore r) {
        return client.preparedQuery("INSERT INTO audit.restore (restore_id, account_id, deletion_event_id, payload,"
                + " requested_by_id, requested_by_name, requested_at, state, next_attempt_at, request_event_id)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8, $9) RETURNING " + RESTORE_COLUMNS)
                .execute(Tuple.tuple().addValue(r.id()).addValue(r.accountId()).addValue(r.deletionEventId())
                        .addValue(r.payload()).addValue(r.requestedById()).addValue(r.requestedByName())
                        .addValue(utc(r.requestedAt())).addValue(utc(r.nextAttemptAt())).addValue(r.requestEventId()))
                .map(rows -> toRestore(rows.iterator().next()));
    }

    /**
     * Claims up to {@code limit} due restores for {@code owner} until the lease ends, counting one attempt each:
     * pending, due, and not leased by a live claim (a killed replica's lease runs out). Each account gets at most
     * {@code perAccount} requests in flight, counting the live leases of every replica; rows another replica is
     * claiming right now are skipped, not waited for.
     */
    public Uni<List<Restore>> claimDue(SqlClient client, String owner, Duration lease, int limit, int perAccount) {
        String sql = """
                WITH busy AS (
                    SELECT account_id, count(*) AS n FROM audit.restore
                    WHERE state = 'PENDING' AND lease_until > now() GROUP BY account_id
                ), due AS (
                    SELECT r.restore_id, r.next_attempt_at,
                           row_number() OVER (PARTITION BY r.account_id ORDER BY r.next_attempt_at) + coalesce(b.n, 0)
                               AS slot
                    FROM audit.restore r LEFT JOIN busy b ON b.account_id = r.account_id
                    WHERE r.state = 'PENDING' AND r.next_attempt_at <= now()
                      AND (r.lease_until IS NULL OR r.lease_until <= now())
                ), picked AS (
                    SELECT r.restore_id FROM audit.restore r
                    WHERE r.restore_id IN (
                            SELECT restore_id FROM due WHERE slot <= $4 ORDER BY next_attempt_at LIMIT $3)
                      AND r.state = 'PENDING' AND (r.lease_until IS NULL OR r.lease_until <= now())
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE audit.restore r SET lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond',
                    attempts = r.attempts + 1, last_attempt_at = now()
                FROM picked WHERE r.restore_id = picked.restore_id
                RETURNING\s""" + qualified();
        return client.preparedQuery(sql).execute(Tuple.of(owner, lease.toMillis(), limit, perAccount))
                .map(RestoreRepository::toRestores);
    }

    /**
     * Ends a claimed restore (SUCCEEDED or FAILED) if {@code owner} still holds its lease; answers the row as
     * changed, or null when the lease was lost (another replica took it over: its outcome counts, not this one).
     */
    public Uni<Restore> complete(SqlClient client, UUID restoreId, String owner, RestoreState state, String error,
            String outcomeEventId, Instant at) {
        return client.preparedQuery("UPDATE audit.restore SET state = $3, last_error = coalesce($4, last_error),"
                + " outcome_event_id = $5,"
                + " completed_at = $6, lease_owner = NULL, lease_until = NULL"
                + " WHERE restore_id = $1 AND lease_owner = $2 AND state = 'PENDING' RETURNING " + RESTORE_COLUMNS)
                .execute(Tuple.tuple().addValue(restoreId).addValue(owner).addValue(state.name()).addValue(error)
                        .addValue(outcomeEventId).addValue(utc(at)))
                .map(rows -> rows.size() == 0 ? null : toRestore(rows.iterator().next()));
    }

    /** Schedules the next attempt of a claimed restore and gives the claim up; false when the lease was lost. */
    public Uni<Boolean> retryAt(SqlClient client, UUID restoreId, String owner, Instant next, String error) {
        return client.preparedQuery("UPDATE audit.restore SET next_attempt_at = $3, last_error = $4,"
                + " lease_owner = NULL, lease_until = NULL WHERE restore_id = $1 AND lease_owner = $2"
                + " AND state = 'PENDING'")
                .execute(Tuple.tuple().addValue(restoreId).addValue(owner).addValue(utc(next)).addValue(error))
                .map(rows -> rows.rowCount() > 0);
    }

    private static String qualified() {
        StringBuilder columns = new StringBuilder();
        for (String column : RESTORE_COLUMNS.split(",")) {
            columns.append(columns.length() == 0 ? "" : ", ").append("r.").append(column.strip());
        }
        return columns.toString();
    }

    private static List<Restore> toRestores(RowSet<Row> rows) {
        List<Restore> all = new ArrayList<>(rows.size());
        for (Row row : rows) {
            all.add(toRestore(row));
        }
        return all;
    }

    private static Restore toRestore(Row row) {
        return new Restore(row.getUUID("restore_id"), row.getString("account_id"), row.getString("deletion_event_id"),
                row.getString("payload"), row.getString("requested_by_id"), row.getString("requested_by_name"),
                instant(row, "requested_at"), RestoreState.valueOf(row.getString("state")), row.getInteger("attempts"),
                instant(row, "last_attempt_at"), instant(row, "next_attempt_at"), instant(row, "completed_at"),
                row.getString("last_error"), row.getString("request_event_id"), row.getString("outcome_event_id"));
    }

    private static RestoreEndpoint toEndpoint(Row row) {
        return new RestoreEndpoint(row.getString("account_id"), row.getString("url"),
                row.getBuffer("secret_cipher").getBytes(), row.getBuffer("secret_nonce").getBytes(),
                row.getString("key_id"), instant(row, "updated_at"), instant(row, "secret_set_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
