package io.auditlog.notify.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.notify.domain.Recipient;

/** Who hears of what: the subscribers of an account's alert, or one user with their mail preference. */
@ApplicationScoped
public class Recipients {

    /** The settings columns of the alerts and mail preferences, by name, never from input. */
    public enum Preference {
        MULTIPLE_EXPORTS("alert_multiple_exports"),
        ADMIN_PERMISSION_REMOVED("alert_admin_permission_removed"),
        EXPORT_READY_MAIL("mail_export_ready"),
        MENTION_MAIL("mail_mentions");

        private final String column;

        Preference(String column) {
            this.column = column;
        }
    }

    /** Every user of the account subscribed to the alert, in a stable order. */
    public List<Recipient> subscribers(Connection transaction, String accountId, Preference alert)
            throws SQLException {
        List<Recipient> recipients = new ArrayList<>();
        try (PreparedStatement select = transaction.prepareStatement("SELECT user_id, email FROM notify.user_settings"
                + " WHERE account_id = ? AND " + alert.column + " ORDER BY user_id")) {
            select.setString(1, accountId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    recipients.add(new Recipient(rows.getString(1), rows.getString(2), true));
                }
            }
        }
        return recipients;
    }

    /**
     * One user, who gets the notification in-app in any case and by mail unless they turned that mail off. The
     * address they keep in their settings wins over the one the producer knew.
     */
    public Recipient user(Connection transaction, String accountId, String userId, String knownEmail,
            Preference mail) throws SQLException {
        try (PreparedStatement select = transaction.prepareStatement("SELECT email, " + mail.column
                + " FROM notify.user_settings WHERE account_id = ? AND user_id = ?")) {
            select.setString(1, accountId);
            select.setString(2, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new Recipient(userId, knownEmail, true);
                }
                String email = row.getString(1);
                return new Recipient(userId, email != null ? email : knownEmail, row.getBoolean(2));
            }
        }
    }
}
