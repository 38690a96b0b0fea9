package io.auditlog.notify.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.notify.api.NotificationSettings;
import io.auditlog.notify.config.NotifyConfig;
import io.auditlog.notify.domain.UserSettings;
import io.auditlog.notify.repository.SettingsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A user's subscriptions and mail preferences, and their account's alert threshold. Both calls serve requests and
 * are bounded in time: a database that does not answer gives the caller a 503 (a PUT sent again is harmless).
 */
@ApplicationScoped
public class SettingsService {

    private final Pool pool;
    private final SettingsRepository settings;
    private final DatabaseCalls calls;
    private final int defaultThreshold;

    SettingsService(Pool pool, SettingsRepository settings, DatabaseCalls calls, NotifyConfig config) {
        this.pool = pool;
        this.settings = settings;
        this.calls = calls;
        this.defaultThreshold = config.alerts().defaultExportThreshold();
    }

    /** The user's settings, the defaults where nothing was saved; {@code email} is the token's. */
    public Uni<NotificationSettings> find(String accountId, String userId, String email) {
        return calls.bounded(settings.find(pool, accountId, userId)).map(saved -> view(saved, email));
    }

    /** Replaces the user's settings in one transaction (after {@link SettingsRules}); answers them as saved. */
    public Uni<NotificationSettings> save(String accountId, String userId, String email, NotificationSettings update) {
        SettingsRules.check(update, email);
        UserSettings saved = new UserSettings(update.alerts().multipleExports(),
                update.alerts().adminPermissionRemoved(), update.mail().exportReady(), update.mail().mentions(),
                update.multipleExportsThreshold());
        return calls.bounded(pool.withTransaction(tx -> settings.save(tx, accountId, userId, email, saved)))
                .chain(() -> find(accountId, userId, email));
    }

    private NotificationSettings view(UserSettings saved, String email) {
        return new NotificationSettings(email,
                new NotificationSettings.Alerts(orElse(saved.multipleExports(), false),
                        orElse(saved.adminPermissionRemoved(), false)),
                new NotificationSettings.Mail(orElse(saved.mailExportReady(), true),
                        orElse(saved.mailMentions(), true)),
                saved.multipleExportsThreshold() == null ? defaultThreshold : saved.multipleExportsThreshold());
    }

    private static Boolean orElse(Boolean value, boolean otherwise) {
        return value == null ? otherwise : value;
    }
}
