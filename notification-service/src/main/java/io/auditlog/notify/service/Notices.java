package io.auditlog.notify.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.feed.ExportReadyRecord;
import io.auditlog.common.feed.FeedEvent;
import io.auditlog.notify.config.NotifyConfig;
import io.auditlog.notify.domain.MailModel;
import io.auditlog.notify.domain.MailModel.Fact;
import io.auditlog.notify.domain.Mention;
import io.auditlog.notify.domain.NewNotification;
import io.auditlog.notify.domain.NotificationKind;
import io.auditlog.notify.domain.Recipient;

/** Words and links of every kind of notification: its in-app title and summary, and its mail. */
@ApplicationScoped
public class Notices {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String ALERT_REASON = "You get this mail because you subscribed to this alert for the account.";

    private final NotifyConfig.Links links;

    Notices(NotifyConfig config) {
        this.links = config.links();
    }

    public NewNotification adminPermissionRemoved(FeedEvent event, Recipient recipient) {
        String title = "Admin permission removed";
        String summary = actorLabel(event) + " removed the admin permission of " + objectLabel(event) + ".";
        String link = eventLink(event.id());
        MailModel mail = new MailModel(title, summary, List.of(new Fact("User", objectLabel(event)),
                new Fact("Removed by", actorLabel(event)), new Fact("When", WHEN.format(event.occurredAt())),
                new Fact("Log entry", event.id())), "Open the log entry", link, event.accountId(), ALERT_REASON,
                links.settingsUrl());
        return new NewNotification(event.accountId(), recipient, NotificationKind.ADMIN_PERMISSION_REMOVED,
                event.id(), title, summary, link, event.id(), event.occurredAt(),
                MailTemplates.render("[Audit log] " + title + ": " + objectLabel(event), mail));
    }

    public NewNotification multipleExports(String accountId, LocalDate day, int exports, int threshold,
            Recipient recipient) {
        String title = "Multiple exports";
        String summary = exports + " export actions were logged on " + day + " (UTC), more than the threshold of "
                + threshold + " a day.";
        String from = day.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String link = links.eventsUrl() + "?action=EXPORT&from=" + encode(from) + "&to=" + encode(to);
        MailModel mail = new MailModel(title, summary, List.of(new Fact("Day", day + " (UTC)"),
                new Fact("Exports so far", String.valueOf(exports)), new Fact("Threshold", String.valueOf(threshold))),
                "See the exports of that day", link, accountId,
                ALERT_REASON + " It fires once a day, however many exports follow.", links.settingsUrl());
        return new NewNotification(accountId, recipient, NotificationKind.MULTIPLE_EXPORTS, day.toString(), title,
                summary, link, null, day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                MailTemplates.render("[Audit log] " + title + ": " + exports + " exports on " + day, mail));
    }

    public NewNotification exportReady(ExportReadyRecord ready, Recipient recipient) {
        String title = "Your export is ready";
        String summary = "The report you requested is ready to download for the next days.";
        String link = links.exportsUrl() + "/" + ready.jobId();
        MailModel mail = new MailModel(title, summary, List.of(new Fact("Export", ready.jobId()),
                new Fact("Ready since", WHEN.format(ready.createdAt()))), "Download the report", link,
                ready.accountId(), "You get this mail because you requested this export.", links.settingsUrl());
        return new NewNotification(ready.accountId(), recipient, NotificationKind.EXPORT_READY, ready.jobId(), title,
                summary, link, null, ready.createdAt(), MailTemplates.render("[Audit log] " + title, mail));
    }

    public NewNotification mentioned(Mention mention, Recipient recipient) {
        String author = mention.authorName() == null ? "Someone" : mention.authorName();
        String title = "You were mentioned";
        String summary = author + " mentioned you in a comment on a log entry: " + mention.excerpt();
        // The console opens the entry with this comment's thread in view.
        String link = eventLink(mention.eventId()) + "?comment=" + encode(mention.commentId());
        MailModel mail = new MailModel(title, author + " mentioned you in a comment on a log entry.",
                List.of(new Fact("Comment", mention.excerpt()), new Fact("Log entry", mention.eventId()),
                        new Fact("When", WHEN.format(mention.createdAt()))),
                "Open the log entry", link, mention.accountId(), "You get this mail because you were mentioned.",
                links.settingsUrl());
        return new NewNotification(mention.accountId(), recipient, NotificationKind.MENTION, mention.commentId(),
                title, summary, link, mention.eventId(), mention.createdAt(),
                MailTemplates.render("[Audit log] " + author + " mentioned you", mail));
    }

    /** Who did it, as a mail names them. */
    static String actorLabel(FeedEvent event) {
        String name = event.actor() == null ? null : event.actor().name();
        String email = event.actor() == null ? null : event.actor().email();
        if (name != null && email != null) {
            return name + " <" + email + ">";
        }
        return name != null ? name : email != null ? email : "an unnamed actor";
    }

    /** What it was done to, as a mail names it. */
    static String objectLabel(FeedEvent event) {
        String name = event.object() == null ? null : event.object().name();
        String id = event.object() == null ? null : event.object().id();
        if (name != null && id != null) {
            return name + " (" + id + ")";
        }
        if (name != null) {
            return name;
        }
        return id != null ? id : "an unnamed user";
    }

    private String eventLink(String eventId) {
        return links.eventsUrl() + "/" + encode(eventId);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
