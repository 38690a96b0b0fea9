package io.auditlog.audit.repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.LogRead;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records people's reads of the log as AUDIT_LOG events, coalesced through audit.log_access (V8). One statement
 * does all of it, so it commits as a whole on its own (autocommit) and costs one round trip: claim the coalescing
 * row, and only if it was claimed, the event's idempotency key and the event.
 */
@ApplicationScoped
public class LogAccessRepository {

    /*
     * The claim: a new row, or one whose event is older than the window (and only for a read that may start a new
     * record: a first page, an entry opened). ON CONFLICT DO UPDATE locks the row, so of two concurrent claims the
     * second sees the first's update and its WHERE fails: one event. The NOT EXISTS before it makes a read that
     * coalesces a plain read: no row lock, so no transaction id and no WAL flush at commit (the lock alone would
     * cost a commit's fsync on every repeat and next page). The feed's doorbell is not rung here but by FeedRinger,
     * after the commit and once for every event of a short while: a NOTIFY in this commit woke every consumer of
     * every replica while the read's answer was still being made.
     */
    private static final String RECORD = """
            WITH claimed AS (
                INSERT INTO audit.log_access AS a (account_id, person_id, kind, key_hash, event_id, recorded_at)
                SELECT $1, $2, $3, $4, $5, now()
                 WHERE NOT EXISTS (SELECT 1 FROM audit.log_access r
                                    WHERE r.account_id = $1 AND r.person_id = $2 AND r.kind = $3 AND r.key_hash = $4
                                      AND (NOT $6 OR r.recorded_at > now() - make_interval(secs => $7)))
                ON CONFLICT (account_id, person_id, kind, key_hash) DO UPDATE
                   SET event_id = EXCLUDED.event_id, recorded_at = EXCLUDED.recorded_at
                 WHERE $6 AND a.recorded_at <= now() - make_interval(secs => $7)
                RETURNING event_id, recorded_at
            ), keyed AS (
                INSERT INTO audit.event_key (account_id, event_id, occurred_at)
                SELECT $1, event_id, recorded_at FROM claimed
                RETURNING event_id, occurred_at
            ), stored AS (
                INSERT INTO audit.event (account_id, event_id, occurred_at, category, subcategory, action,
                    actor_id, actor_email, actor_name, actor_type, object_type, object_id, object_name,
                    ip, user_agent, details)
                SELECT $1, event_id, occurred_at, 'AUDIT_LOG', $8, $9, $2, $10, $11, 'USER', $12, $13, $14,
                    $15::text::inet, $16, $17::text::jsonb
                FROM keyed
                RETURNING event_id
            )
            SELECT event_id FROM stored""";

    private static final String PURGE = "DELETE FROM audit.log_access WHERE recorded_at < now() - make_interval(secs => $1)";

    private final Pool pool;

    LogAccessRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the read unless the same person's same read was recorded within {@code window}; answers the id of
     * the event written, or null when the read was coalesced into an earlier one.
     */
    public Uni<String> record(LogRead read, String newEventId, Duration window) {
        EventObject object = read.object();
        Tuple params = Tuple.tuple().addValue(read.accountId()).addValue(read.personId()).addValue(read.kind())
                .addValue(io.vertx.core.buffer.Buffer.buffer(sha256(read.coalesceKey())))
                .addValue(newEventId).addValue(read.mayStartNew()).addValue((double) window.toMillis() / 1000.0)
                .addValue(read.subcategory()).addValue(read.action())
                .addValue(read.personEmail()).addValue(read.personName())
                .addValue(object == null ? null : object.type()).addValue(object == null ? null : object.id())
                .addValue(object == null ? null : object.name())
                .addValue(read.ip()).addValue(read.userAgent()).addValue(read.detailsJson());
        return pool.preparedQuery(RECORD).execute(params).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            return it.hasNext() ? it.next().getString("event_id") : null;
        });
    }

    /** Forgets the coalescing rows whose event is older than {@code keep}; answers how many went. */
    public Uni<Integer> purge(Duration keep) {
        return pool.preparedQuery(PURGE).execute(Tuple.of((double) keep.toSeconds()))
                .map(rows -> rows.rowCount());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
