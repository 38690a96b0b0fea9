package io.auditlog.notify.repository;

import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.notify.domain.UserSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** A user's subscriptions and mail preferences, and their account's alert threshold. */
@ApplicationScoped
public class SettingsRepository {

    private static final String FIND = """
            SELECT u.alert_multiple_exports, u.alert_admin_permission_removed, u.mail_export_ready, u.mail_mentions,
                   a.multiple_exports_threshold
              FROM (SELECT $1::text AS account_id, $2::text AS user_id) caller
              LEFT JOIN notify.user_settings u USING (account_id, user_id)
              LEFT JOIN notify.account_settings a ON a.account_id = caller.account_id""";
    private static final String SAVE_USER = """
            INSERT INTO notify.user_settings AS s (account_id, user_id, email, alert_multiple_exports,
                   alert_admin_permission_removed, mail_export_ready, mail_mentions, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, now())
            ON CONFLICT (account_id, user_id) DO UPDATE SET email = EXCLUDED.email,
                   alert_multiple_exports = EXCLUDED.alert_multiple_exports,
                   alert_admin_permission_removed = EXCLUDED.alert_admin_permission_removed,
                   mail_export_ready = EXCLUDED.mail_export_ready, mail_mentions = EXCLUDED.mail_mentions,
                   updated_at = now()""";
    private static final String SAVE_ACCOUNT = """
            INSERT INTO notify.account_settings AS a (account_id, multiple_exports_threshold, updated_at, updated_by)
            VALUES ($1, $2, now(), $3)
            ON CONFLICT (account_id) DO UPDATE SET multiple_exports_threshold = EXCLUDED.multiple_exports_threshold,
                   updated_at = now(), updated_by = EXCLUDED.updated_by
             WHERE a.multiple_exports_threshold IS DISTINCT FROM EXCLUDED.multiple_exports_threshold""";
    private static final String THRESHOLD = """
            SELECT multiple_exports_threshold FROM notify.account_settings WHERE account_id = $1""";

    /** What the user and their account have saved (nulls where nothing was). */
    public Uni<UserSettings> find(SqlClient client, String accountId, String userId) {
        return client.preparedQuery(FIND).execute(Tuple.of(accountId, userId)).map(rows -> {
            Row row = rows.iterator().next();
            return new UserSettings(row.getBoolean("alert_multiple_exports"),
                    row.getBoolean("alert_admin_permission_removed"), row.getBoolean("mail_export_ready"),
                    row.getBoolean("mail_mentions"), row.getInteger("multiple_exports_threshold"));
        });
    }

    /** Saves the user's settings (a complete, checked document) and their account's threshold. */
    public Uni<Void> save(SqlConnection transaction, String accountId, String userId, String email,
            UserSettings settings) {
        return transaction.preparedQuery(SAVE_USER)
                .execute(Tuple.from(Arrays.asList(accountId, userId, email, settings.multipleExports(),
                        settings.adminPermissionRemoved(), settings.mailExportReady(), settings.mailMentions())))
                .chain(() -> transaction.preparedQuery(SAVE_ACCOUNT)
                        .execute(Tuple.of(accountId, settings.multipleExportsThreshold(), userId)))
                .replaceWithVoid();
    }

    /** The account's own multiple-exports threshold, if a super admin set one. */
    public Uni<Optional<Integer>> threshold(SqlClient client, String accountId) {
        return client.preparedQuery(THRESHOLD).execute(Tuple.of(accountId)).map(rows -> rows.size() == 0
                ? Optional.empty() : Optional.of(rows.iterator().next().getInteger(0)));
    }
}
