package io.auditlog.notify.alert;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.notify.alert.Recipients.Preference;
import io.auditlog.notify.domain.Mention;
import io.auditlog.notify.feed.FeedHandler;
import io.auditlog.notify.notice.Notices;

/**
 * "You were mentioned", to each user @mentioned in a comment on a log entry. Ready for the audit-service's
 * mentions feed, which comes with its comments API (docs/decisions.md, "Mentions"); until that API exists no
 * consumer reads a mentions feed.
 */
@ApplicationScoped
public class MentionNotices implements FeedHandler {

    private final Recipients recipients;
    private final NotificationWriter writer;
    private final Notices notices;

    MentionNotices(Recipients recipients, NotificationWriter writer, Notices notices) {
        this.recipients = recipients;
        this.writer = writer;
        this.notices = notices;
    }

    @Override
    public int apply(Connection transaction, List<JsonNode> items) throws SQLException {
        int made = 0;
        for (JsonNode item : items) {
            Mention mention = Mention.of(item);
            var recipient = recipients.user(transaction, mention.accountId(), mention.mentionedUserId(),
                    mention.mentionedEmail(), Preference.MENTION_MAIL);
            made += writer.write(transaction, notices.mentioned(mention, recipient)) ? 1 : 0;
        }
        return made;
    }
}
