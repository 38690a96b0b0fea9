package io.auditlog.notify.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.notify.domain.Preference;
import io.auditlog.notify.domain.Recipient;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Who hears of what: the subscribers of an account's alert, or one user with their mail preference. */
@ApplicationScoped
public class RecipientRepository {

    /** The settings column of each preference: by name from this switch, never from input. */
    private static String column(Preference preference) {
        return switch (preference) {
            case MULTIPLE_EXPORTS -> "alert_multiple_exports";
            case ADMIN_PERMISSION_REMOVED -> "alert_admin_permission_removed";
            case EXPORT_READY_MAIL -> "mail_export_ready";
            case MENTION_MAIL -> "mail_mentions";
        };
    }

    /** Every user of the account subscribed to the alert, in a stable order. */
    public Uni<List<Recipient>> subscribers(SqlClient client, String accountId, Preference alert) {
        return client.preparedQuery("SELECT user_id, email FROM notify.user_settings WHERE account_id = $1 AND "
                + column(alert) + " ORDER BY user_id").execute(Tuple.of(accountId)).map(rows -> {
                    List<Recipient> recipients = new ArrayList<>();
                    for (Row row : rows) {
                        recipients.add(new Recipient(row.getString("user_id"), row.getString("email"), true));
                    }
                    return recipients;
                });
    }

    /**
     * One user, who gets the notification in-app in any case and by mail unless they turned that mail off. The
     * address they keep in their settings wins over the one the producer knew.
     */
    public Uni<Recipient> user(SqlClient client, String accountId, String userId, String knownEmail,
            Preference mail) {
        return client.preparedQuery("SELECT email, " + column(mail) + " AS wants_mail FROM notify.user_settings"
                + " WHERE account_id = $1 AND user_id = $2").execute(Tuple.of(accountId, userId)).map(rows -> {
                    if (rows.size() == 0) {
                        return new Recipient(userId, knownEmail, true);
                    }
                    Row row = rows.iterator().next();
                    String email = row.getString("email");
                    return new Recipient(userId, email != null ? email : knownEmail, row.getBoolean("wants_mail"));
                });
    }
}
