package io.auditlog.notify.alert;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.notify.alert.Recipients.Preference;
import io.auditlog.notify.domain.Mention;
import io.auditlog.notify.domain.NewNotification;
import io.auditlog.notify.domain.Recipient;
import io.auditlog.notify.notice.Notices;

/**
 * "You were mentioned", to each user @mentioned in a comment on a log entry. Ready for the audit-service's
 * mentions feed, which comes with its comments API (docs/decisions.md, "Notifications"); until that API exists no
 * consumer reads a mentions feed.
 */
@Singleton
public class MentionNotices extends PersonalNotices<Mention> {

    private final Notices notices;

    MentionNotices(Recipients recipients, NotificationWriter writer, Notices notices) {
        super(recipients, writer, Preference.MENTION_MAIL);
        this.notices = notices;
    }

    @Override
    Mention parse(JsonNode item) {
        return Mention.of(item);
    }

    @Override
    Addressee addressee(Mention mention) {
        return new Addressee(mention.accountId(), mention.mentionedUserId(), mention.mentionedEmail());
    }

    @Override
    NewNotification notice(Mention mention, Recipient recipient) {
        return notices.mentioned(mention, recipient);
    }
}
