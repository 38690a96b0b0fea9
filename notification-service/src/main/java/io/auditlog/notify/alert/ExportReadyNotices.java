package io.auditlog.notify.alert;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.notify.alert.Recipients.Preference;
import io.auditlog.notify.domain.ExportReady;
import io.auditlog.notify.domain.NewNotification;
import io.auditlog.notify.domain.Recipient;
import io.auditlog.notify.notice.Notices;

/** "Your export is ready", to the requester of each report the export-service's export-ready feed announces. */
@Singleton
public class ExportReadyNotices extends PersonalNotices<ExportReady> {

    private final Notices notices;

    ExportReadyNotices(Recipients recipients, NotificationWriter writer, Notices notices) {
        super(recipients, writer, Preference.EXPORT_READY_MAIL);
        this.notices = notices;
    }

    @Override
    ExportReady parse(JsonNode item) {
        return ExportReady.of(item);
    }

    @Override
    Addressee addressee(ExportReady ready) {
        return new Addressee(ready.accountId(), ready.requestedBy(), ready.requesterEmail());
    }

    @Override
    NewNotification notice(ExportReady ready, Recipient recipient) {
        return notices.exportReady(ready, recipient);
    }
}
