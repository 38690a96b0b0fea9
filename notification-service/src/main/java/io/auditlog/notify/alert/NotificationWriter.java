package io.auditlog.notify.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.notify.domain.NewNotification;

/**
 * Stores a notification for the in-app list and, when its recipient takes mail, its rendered mail in the outbox,
 * on the caller's transaction. A notification already stored for the same recipient, kind and occurrence is left
 * alone, so a replayed feed page creates nothing new.
 */
@ApplicationScoped
public class NotificationWriter {

    private static final String INSERT_NOTIFICATION = """
            INSERT INTO notify.notification (id, account_id, user_id, kind, occurrence, title, summary, link,
                                             event_id, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (account_id, user_id, kind, occurrence) DO NOTHING
            RETURNING id""";
    private static final String INSERT_MAIL = """
            INSERT INTO notify.outbox (notification_id, recipient, subject, text_body, html_body)
            VALUES (?, ?, ?, ?, ?)""";

    /** Answers whether the notification is new. */
    public boolean write(Connection transaction, NewNotification notification) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = transaction.prepareStatement(INSERT_NOTIFICATION)) {
            insert.setObject(1, id);
            insert.setString(2, notification.accountId());
            insert.setString(3, notification.recipient().userId());
            insert.setString(4, notification.kind().id());
            insert.setString(5, notification.occurrence());
            insert.setString(6, notification.title());
            insert.setString(7, notification.summary());
            insert.setString(8, notification.link());
            insert.setString(9, notification.eventId());
            insert.setTimestamp(10, Timestamp.from(notification.occurredAt()));
            try (ResultSet inserted = insert.executeQuery()) {
                if (!inserted.next()) {
                    return false;
                }
            }
        }
        if (notification.recipient().mailable() && notification.mail() != null) {
            try (PreparedStatement insert = transaction.prepareStatement(INSERT_MAIL)) {
                insert.setObject(1, id);
                insert.setString(2, notification.recipient().email());
                insert.setString(3, notification.mail().subject());
                insert.setString(4, notification.mail().text());
                insert.setString(5, notification.mail().html());
                insert.executeUpdate();
            }
        }
        return true;
    }
}
