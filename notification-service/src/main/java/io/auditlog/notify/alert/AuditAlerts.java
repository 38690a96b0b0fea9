package io.auditlog.notify.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.notify.alert.Recipients.Preference;
import io.auditlog.notify.config.NotifyConfig;
import io.auditlog.notify.domain.AuditEvent;
import io.auditlog.notify.domain.Recipient;
import io.auditlog.notify.feed.FeedHandler;
import io.auditlog.notify.notice.Notices;

/**
 * The two audit-log alerts of the product pages, applied to a page of the audit feed: "admin permission removed"
 * (once per such event) and "multiple exports" (once per account and UTC day, when the day's export actions pass
 * the account's threshold).
 */
@ApplicationScoped
public class AuditAlerts implements FeedHandler {

    static final String USER_MANAGEMENT = "USER_MANAGEMENT";
    static final String ADMIN_PERMISSION_REMOVED = "ADMIN_PERMISSION_REMOVED";
    static final String EXPORT = "EXPORT";

    private final Recipients recipients;
    private final NotificationWriter writer;
    private final Notices notices;
    private final NotifyConfig.Alerts config;

    AuditAlerts(Recipients recipients, NotificationWriter writer, Notices notices, NotifyConfig config) {
        this.recipients = recipients;
        this.writer = writer;
        this.notices = notices;
        this.config = config.alerts();
    }

    @Override
    public int apply(Connection transaction, List<JsonNode> items) throws SQLException {
        Instant staleBefore = Instant.now().minus(config.maxEventAge());
        int made = 0;
        Map<AccountDay, Integer> exports = new TreeMap<>();
        for (JsonNode item : items) {
            AuditEvent event = AuditEvent.of(item);
            if (event.occurredAt().isBefore(staleBefore)) {
                continue;
            }
            if (USER_MANAGEMENT.equals(event.category()) && ADMIN_PERMISSION_REMOVED.equals(event.action())) {
                for (Recipient recipient : recipients.subscribers(transaction, event.accountId(),
                        Preference.ADMIN_PERMISSION_REMOVED)) {
                    made += writer.write(transaction, notices.adminPermissionRemoved(event, recipient)) ? 1 : 0;
                }
            } else if (EXPORT.equals(event.action())) {
                exports.merge(new AccountDay(event.accountId(), event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate()),
                        1, Integer::sum);
            }
        }
        for (Map.Entry<AccountDay, Integer> day : exports.entrySet()) {
            made += countExports(transaction, day.getKey(), day.getValue());
        }
        return made;
    }

    /** Adds a day's export actions; the first time the count passes the threshold, the day's alert fires. */
    private int countExports(Connection transaction, AccountDay day, int added) throws SQLException {
        int threshold = threshold(transaction, day.accountId());
        int total;
        try (PreparedStatement upsert = transaction.prepareStatement("""
                INSERT INTO notify.export_day AS d (account_id, day, exports) VALUES (?, ?, ?)
                ON CONFLICT (account_id, day) DO UPDATE SET exports = d.exports + EXCLUDED.exports
                RETURNING exports, alerted_at IS NOT NULL""")) {
            upsert.setString(1, day.accountId());
            upsert.setObject(2, day.day());
            upsert.setInt(3, added);
            try (ResultSet row = upsert.executeQuery()) {
                row.next();
                total = row.getInt(1);
                if (row.getBoolean(2) || total <= threshold) {
                    return 0;
                }
            }
        }
        try (PreparedStatement fired = transaction.prepareStatement(
                "UPDATE notify.export_day SET alerted_at = now() WHERE account_id = ? AND day = ?")) {
            fired.setString(1, day.accountId());
            fired.setObject(2, day.day());
            fired.executeUpdate();
        }
        int made = 0;
        for (Recipient recipient : recipients.subscribers(transaction, day.accountId(), Preference.MULTIPLE_EXPORTS)) {
            made += writer.write(transaction,
                    notices.multipleExports(day.accountId(), day.day(), total, threshold, recipient)) ? 1 : 0;
        }
        return made;
    }

    private int threshold(Connection transaction, String accountId) throws SQLException {
        try (PreparedStatement select = transaction.prepareStatement(
                "SELECT multiple_exports_threshold FROM notify.account_settings WHERE account_id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : config.defaultExportThreshold();
            }
        }
    }

    private record AccountDay(String accountId, LocalDate day) implements Comparable<AccountDay> {
        @Override
        public int compareTo(AccountDay other) {
            int byAccount = accountId.compareTo(other.accountId);
            return byAccount != 0 ? byAccount : day.compareTo(other.day);
        }
    }
}
