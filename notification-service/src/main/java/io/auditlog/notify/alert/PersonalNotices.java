package io.auditlog.notify.alert;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.notify.alert.Recipients.Preference;
import io.auditlog.notify.domain.NewNotification;
import io.auditlog.notify.domain.Recipient;
import io.auditlog.notify.feed.FeedHandler;

/**
 * Notices each addressed to one user named by the feed item (the requester of a report, a mentioned user): in-app
 * always, by mail unless the user turned that mail off.
 */
abstract class PersonalNotices<T> implements FeedHandler {

    /** The user a record is for, and the address its producer knew. */
    record Addressee(String accountId, String userId, String knownEmail) {
    }

    private final Recipients recipients;
    private final NotificationWriter writer;
    private final Preference mail;

    PersonalNotices(Recipients recipients, NotificationWriter writer, Preference mail) {
        this.recipients = recipients;
        this.writer = writer;
        this.mail = mail;
    }

    abstract T parse(JsonNode item);

    abstract Addressee addressee(T record);

    abstract NewNotification notice(T record, Recipient recipient);

    @Override
    public int apply(Connection transaction, List<JsonNode> items) throws SQLException {
        int made = 0;
        for (JsonNode item : items) {
            T record = parse(item);
            Addressee to = addressee(record);
            Recipient recipient = recipients.user(transaction, to.accountId(), to.userId(), to.knownEmail(), mail);
            made += writer.write(transaction, notice(record, recipient)) ? 1 : 0;
        }
        return made;
    }
}
