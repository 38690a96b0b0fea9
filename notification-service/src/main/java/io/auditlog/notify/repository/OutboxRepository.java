package io.auditlog.notify.repository;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.notify.domain.ClaimedMail;
import io.auditlog.notify.domain.MailState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The outbox of rendered mails: leasing a due one, recording an attempt's outcome, counting by state. */
@ApplicationScoped
public class OutboxRepository {

    private static final String CLAIM = """
            UPDATE notify.outbox o
               SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $1)
              FROM (SELECT notification_id FROM notify.outbox
                     WHERE status = 'pending' AND next_attempt_at <= now()
                     ORDER BY next_attempt_at, created_at
                     LIMIT 1
                       FOR UPDATE SKIP LOCKED) due
             WHERE o.notification_id = due.notification_id
            RETURNING o.notification_id, o.recipient, o.subject, o.text_body, o.html_body, o.attempts, o.created_at""";
    private static final String RECORD = """
            UPDATE notify.outbox
               SET status = $1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3),
                   sent_at = CASE WHEN $1 = 'sent' THEN now() END
             WHERE notification_id = $4 AND status = 'pending'""";
    private static final String DEPTH = "SELECT status, count(*) AS mails FROM notify.outbox GROUP BY status";

    /**
     * Leases the next due mail, if any: its next attempt moves {@code lease} ahead, so no other sender takes it
     * meanwhile (SKIP LOCKED: senders never wait for each other).
     */
    public Uni<Optional<ClaimedMail>> claim(SqlClient client, Duration lease) {
        return client.preparedQuery(CLAIM).execute(Tuple.of(lease.toMillis() / 1000.0)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row due = rows.iterator().next();
            return Optional.of(new ClaimedMail(due.getUUID("notification_id"), due.getInteger("attempts"),
                    due.getOffsetDateTime("created_at").toInstant(), due.getString("recipient"),
                    due.getString("subject"), due.getString("text_body"), due.getString("html_body")));
        });
    }

    /**
     * Records an attempt's outcome; the next attempt (if any) is due {@code retryIn} from now, by the database's
     * clock. A mail already recorded as sent (by a replica that took it after this one's lease ran out) stays so.
     */
    public Uni<Void> record(SqlClient client, UUID id, MailState state, Duration retryIn, String error) {
        return client.preparedQuery(RECORD)
                .execute(Tuple.from(Arrays.asList(state.id(), error, retryIn.toMillis() / 1000.0, id)))
                .replaceWithVoid();
    }

    /** How many mails the outbox holds in each state. */
    public Uni<Map<MailState, Long>> depth(SqlClient client) {
        return client.query(DEPTH).execute().map(rows -> {
            Map<MailState, Long> depth = new EnumMap<>(MailState.class);
            for (MailState state : MailState.values()) {
                depth.put(state, 0L);
            }
            for (Row row : rows) {
                for (MailState state : MailState.values()) {
                    if (state.id().equals(row.getString("status"))) {
                        depth.put(state, row.getLong("mails"));
                    }
                }
            }
            return depth;
        });
    }
}
