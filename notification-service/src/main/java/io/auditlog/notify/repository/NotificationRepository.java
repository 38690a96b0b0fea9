package io.auditlog.notify.repository;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.notify.domain.NewNotification;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stores a notification for the in-app list and, when its recipient takes mail, its rendered mail in the outbox,
 * on the caller's transaction. A notification already stored for the same recipient, kind and occurrence is left
 * alone, so a replayed feed page creates nothing new.
 */
@ApplicationScoped
public class NotificationRepository {

    private static final String INSERT_NOTIFICATION = """
            INSERT INTO notify.notification (id, account_id, user_id, kind, occurrence, title, summary, link,
                                             event_id, occurred_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (account_id, user_id, kind, occurrence) DO NOTHING
            RETURNING id""";
    private static final String INSERT_MAIL = """
            INSERT INTO notify.outbox (notification_id, recipient, subject, text_body, html_body)
            VALUES ($1, $2, $3, $4, $5)""";

    /** Answers whether the notification is new. */
    public Uni<Boolean> insert(SqlClient transaction, NewNotification notification) {
        UUID id = UUID.randomUUID();
        return transaction.preparedQuery(INSERT_NOTIFICATION).execute(Tuple.from(Arrays.asList(id,
                notification.accountId(), notification.recipient().userId(), notification.kind().id(),
                notification.occurrence(), notification.title(), notification.summary(), notification.link(),
                notification.eventId(), notification.occurredAt().atOffset(ZoneOffset.UTC))))
                .chain(inserted -> {
                    if (inserted.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    if (!notification.recipient().mailable() || notification.mail() == null) {
                        return Uni.createFrom().item(true);
                    }
                    return transaction.preparedQuery(INSERT_MAIL).execute(Tuple.of(id,
                            notification.recipient().email(), notification.mail().subject(),
                            notification.mail().text(), notification.mail().html())).replaceWith(true);
                });
    }
}
