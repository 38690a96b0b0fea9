package io.auditlog.notify.alert;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.notify.alert.Recipients.Preference;
import io.auditlog.notify.domain.ExportReady;
import io.auditlog.notify.feed.FeedHandler;
import io.auditlog.notify.notice.Notices;

/** "Your export is ready", to the requester of each report the export-service's export-ready feed announces. */
@ApplicationScoped
public class ExportReadyNotices implements FeedHandler {

    private final Recipients recipients;
    private final NotificationWriter writer;
    private final Notices notices;

    ExportReadyNotices(Recipients recipients, NotificationWriter writer, Notices notices) {
        this.recipients = recipients;
        this.writer = writer;
        this.notices = notices;
    }

    @Override
    public int apply(Connection transaction, List<JsonNode> items) throws SQLException {
        int made = 0;
        for (JsonNode item : items) {
            ExportReady ready = ExportReady.of(item);
            var recipient = recipients.user(transaction, ready.accountId(), ready.requestedBy(),
                    ready.requesterEmail(), Preference.EXPORT_READY_MAIL);
            made += writer.write(transaction, notices.exportReady(ready, recipient)) ? 1 : 0;
        }
        return made;
    }
}
