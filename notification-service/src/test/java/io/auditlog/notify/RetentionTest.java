package io.auditlog.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.auditlog.notify.maintenance.Retention;
import io.auditlog.notify.support.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * In-app notifications are kept 180 days (notify.retention, the default here): older ones go, with their mail in the
 * outbox; younger ones stay. The ages are relative to the database's clock, which the purge uses too.
 */
@QuarkusTest
class RetentionTest {

    @Inject
    Retention retention;
    @Inject
    Pool pool;

    @Test
    void notificationsOlderThan180DaysAreDeletedWithTheirMail() {
        String account = Accounts.newAccount();
        UUID old = notification(account, "old", Duration.ofDays(180).plusHours(1));
        UUID young = notification(account, "young", Duration.ofDays(180).minusHours(1));

        Retention.Purged purged = retention.purge().await().indefinitely();

        assertTrue(purged.notifications() >= 1, "the old one was deleted: " + purged);
        assertEquals(List.of(young), ids(account), "the one younger than 180 days stays");
        assertEquals(0, count("SELECT count(*) FROM notify.outbox WHERE notification_id = $1", old));
        assertEquals(1, count("SELECT count(*) FROM notify.outbox WHERE notification_id = $1", young));
    }

    /** A notification of {@code account} created {@code age} ago, with its mail in the outbox. */
    private UUID notification(String account, String occurrence, Duration age) {
        UUID id = UUID.randomUUID();
        pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO notify.notification (id, account_id, user_id, kind, occurrence, title, summary, occurred_at,
                                                 created_at)
                VALUES ($1, $2, 'u-1', 'mention', $3, 't', 's', now() - make_interval(secs => $4),
                        now() - make_interval(secs => $4))""")
                .execute(Tuple.of(id, account, occurrence, (double) age.toSeconds()))
                .chain(() -> tx.preparedQuery("""
                        INSERT INTO notify.outbox (notification_id, recipient, subject, text_body, html_body, status)
                        VALUES ($1, 'u-1@example.com', 's', 't', 'h', 'sent')""").execute(Tuple.of(id))))
                .await().indefinitely();
        return id;
    }

    private List<UUID> ids(String account) {
        return pool.preparedQuery("SELECT id FROM notify.notification WHERE account_id = $1").execute(Tuple.of(account))
                .await().indefinitely().stream().map(row -> row.getUUID("id")).toList();
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }
}
