package io.auditlog.notify.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.feed.FeedEvent;
import io.auditlog.common.feed.FeedPage;
import io.auditlog.notify.config.NotifyConfig;
import io.auditlog.notify.domain.NewNotification;
import io.auditlog.notify.domain.NotificationKind;
import io.auditlog.notify.domain.Preference;
import io.auditlog.notify.repository.ExportDayRepository;
import io.auditlog.notify.repository.NotificationRepository;
import io.auditlog.notify.repository.RecipientRepository;
import io.auditlog.notify.repository.SettingsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The two audit-log alerts of the product pages, applied to a page of the audit feed on the feed engine's
 * transaction: "admin permission removed" (once per such event) and "multiple exports" (once per account and UTC
 * day, when the day's export actions pass the account's threshold).
 */
@ApplicationScoped
public class AlertService {

    static final String USER_MANAGEMENT = "USER_MANAGEMENT";
    static final String ADMIN_PERMISSION_REMOVED = "ADMIN_PERMISSION_REMOVED";
    static final String EXPORT = "EXPORT";
    /** The actions whose events can raise an alert: the feed is read for these only. */
    public static final List<String> ACTIONS = List.of(ADMIN_PERMISSION_REMOVED, EXPORT);

    private final RecipientRepository recipients;
    private final NotificationRepository notifications;
    private final ExportDayRepository exportDays;
    private final SettingsRepository settings;
    private final Notices notices;
    private final NotifyMetrics metrics;
    private final NotifyConfig.Alerts config;

    AlertService(RecipientRepository recipients, NotificationRepository notifications, ExportDayRepository exportDays,
            SettingsRepository settings, Notices notices, NotifyMetrics metrics, NotifyConfig config) {
        this.recipients = recipients;
        this.notifications = notifications;
        this.exportDays = exportDays;
        this.settings = settings;
        this.notices = notices;
        this.metrics = metrics;
        this.config = config.alerts();
    }

    /** Applies a page; answers how many notifications it made. */
    public Uni<Integer> apply(SqlConnection transaction, FeedPage<FeedEvent> page) {
        Instant staleBefore = Instant.now().minus(config.maxEventAge());
        Map<NotificationKind, Integer> made = new EnumMap<>(NotificationKind.class);
        Map<AccountDay, Integer> exports = new TreeMap<>();
        Uni<Void> work = Uni.createFrom().voidItem();
        for (FeedEvent event : page.items()) {
            if (event.occurredAt().isBefore(staleBefore)) {
                continue;
            }
            if (USER_MANAGEMENT.equals(event.category()) && ADMIN_PERMISSION_REMOVED.equals(event.action())) {
                work = work.chain(() -> recipients.subscribers(transaction, event.accountId(),
                        Preference.ADMIN_PERMISSION_REMOVED)).chain(subscribers -> write(transaction, made,
                                subscribers.stream().map(r -> notices.adminPermissionRemoved(event, r)).toList()));
            } else if (EXPORT.equals(event.action())) {
                exports.merge(new AccountDay(event.accountId(), event.occurredAt().atZone(ZoneOffset.UTC)
                        .toLocalDate()), 1, Integer::sum);
            }
        }
        for (Map.Entry<AccountDay, Integer> day : exports.entrySet()) {
            work = work.chain(() -> countExports(transaction, made, day.getKey(), day.getValue()));
        }
        return work.map(done -> {
            metrics.createdOnCommit(transaction, made);
            return made.values().stream().mapToInt(Integer::intValue).sum();
        });
    }

    /** Adds a day's export actions; the first time the count passes the threshold, the day's alert fires. */
    private Uni<Void> countExports(SqlConnection transaction, Map<NotificationKind, Integer> made, AccountDay day,
            int added) {
        return settings.threshold(transaction, day.accountId())
                .map(own -> own.orElse(config.defaultExportThreshold()))
                .chain(threshold -> exportDays.add(transaction, day.accountId(), day.day(), added).chain(count -> {
                    if (count.alerted() || count.exports() <= threshold) {
                        return Uni.createFrom().voidItem();
                    }
                    return exportDays.markAlerted(transaction, day.accountId(), day.day())
                            .chain(() -> recipients.subscribers(transaction, day.accountId(),
                                    Preference.MULTIPLE_EXPORTS))
                            .chain(subscribers -> write(transaction, made, subscribers.stream()
                                    .map(r -> notices.multipleExports(day.accountId(), day.day(), count.exports(),
                                            threshold, r))
                                    .toList()));
                }));
    }

    /** Stores each notification (those already stored stay as they are), one after the other. */
    private Uni<Void> write(SqlConnection transaction, Map<NotificationKind, Integer> made,
            List<NewNotification> notices) {
        Uni<Void> writes = Uni.createFrom().voidItem();
        for (NewNotification notice : notices) {
            writes = writes.chain(() -> notifications.insert(transaction, notice).invoke(isNew -> {
                if (isNew) {
                    made.merge(notice.kind(), 1, Integer::sum);
                }
            })).replaceWithVoid();
        }
        return writes;
    }

    private record AccountDay(String accountId, LocalDate day) implements Comparable<AccountDay> {
        @Override
        public int compareTo(AccountDay other) {
            int byAccount = accountId.compareTo(other.accountId);
            return byAccount != 0 ? byAccount : day.compareTo(other.day);
        }
    }
}
