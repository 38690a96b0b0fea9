package io.auditlog.notify.settings;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.notify.config.NotifyConfig;
import io.auditlog.notify.rest.api.NotificationSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A user's subscriptions and mail preferences, and their account's alert threshold. Both calls serve requests and
 * are bounded in time: a database that does not answer gives the caller a 503 (a PUT sent again is harmless).
 */
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

    private final Pool pool;
    private final DatabaseCalls calls;
    private final int defaultThreshold;

    SettingsRepository(Pool pool, DatabaseCalls calls, NotifyConfig config) {
        this.pool = pool;
        this.calls = calls;
        this.defaultThreshold = config.alerts().defaultExportThreshold();
    }

    public Uni<NotificationSettings> find(String accountId, String userId, String email) {
        return calls.bounded(pool.preparedQuery(FIND).execute(Tuple.of(accountId, userId))
                .map(rows -> settings(rows.iterator().next(), email)));
    }

    /** Saves the whole settings document (already validated) in one transaction. */
    public Uni<Void> save(String accountId, String userId, String email, NotificationSettings settings) {
        return calls.bounded(pool.withTransaction(connection -> connection.preparedQuery(SAVE_USER)
                .execute(Tuple.from(Arrays.asList(accountId, userId, email, settings.alerts().multipleExports(),
                        settings.alerts().adminPermissionRemoved(), settings.mail().exportReady(),
                        settings.mail().mentions())))
                .flatMap(saved -> connection.preparedQuery(SAVE_ACCOUNT)
                        .execute(Tuple.of(accountId, settings.multipleExportsThreshold(), userId)))
                .replaceWithVoid()));
    }

    private NotificationSettings settings(Row row, String email) {
        Integer threshold = row.getInteger("multiple_exports_threshold");
        return new NotificationSettings(email,
                new NotificationSettings.Alerts(orElse(row.getBoolean("alert_multiple_exports"), false),
                        orElse(row.getBoolean("alert_admin_permission_removed"), false)),
                new NotificationSettings.Mail(orElse(row.getBoolean("mail_export_ready"), true),
                        orElse(row.getBoolean("mail_mentions"), true)),
                threshold == null ? defaultThreshold : threshold);
    }

    private static Boolean orElse(Boolean value, boolean otherwise) {
        return value == null ? otherwise : value;
    }
}
