package io.auditlog.notify.service;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.common.feed.ExportReadyRecord;
import io.auditlog.common.feed.FeedPage;
import io.auditlog.notify.domain.Mention;
import io.auditlog.notify.domain.NewNotification;
import io.auditlog.notify.domain.NotificationKind;
import io.auditlog.notify.domain.Preference;
import io.auditlog.notify.domain.Recipient;
import io.auditlog.notify.repository.NotificationRepository;
import io.auditlog.notify.repository.RecipientRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Notices each addressed to one user named by a feed record, in-app always and by mail unless the user turned that
 * mail off: "your export is ready" to the requester of each report of the export-service's export-ready feed, and
 * "you were mentioned" to each user @mentioned in a comment (the audit-service's mentions feed, a record per comment
 * and person). Written on the caller's transaction; a record applied again makes nothing new.
 */
@ApplicationScoped
public class PersonalNotices {

    /** The user a record is for, and the address its producer knew. */
    private record Addressee(String accountId, String userId, String knownEmail) {
    }

    private final RecipientRepository recipients;
    private final NotificationRepository notifications;
    private final Notices notices;
    private final NotifyMetrics metrics;

    PersonalNotices(RecipientRepository recipients, NotificationRepository notifications, Notices notices,
            NotifyMetrics metrics) {
        this.recipients = recipients;
        this.notifications = notifications;
        this.notices = notices;
        this.metrics = metrics;
    }

    /** A page of the export-ready feed; answers how many notifications it made. */
    public Uni<Integer> exportReady(SqlConnection transaction, FeedPage<ExportReadyRecord> page) {
        return apply(transaction, page.items(), Preference.EXPORT_READY_MAIL,
                r -> new Addressee(r.accountId(), r.requestedBy(), r.requesterEmail()), notices::exportReady);
    }

    /** A page of the audit-service's mentions feed; answers how many notifications it made. */
    public Uni<Integer> mentions(SqlConnection transaction, FeedPage<Mention> page) {
        return mentioned(transaction, page.items());
    }

    /** Mentions; answers how many notifications they made. */
    public Uni<Integer> mentioned(SqlConnection transaction, List<Mention> mentions) {
        return apply(transaction, mentions, Preference.MENTION_MAIL,
                m -> new Addressee(m.accountId(), m.mentionedUserId(), m.mentionedEmail()), notices::mentioned);
    }

    private <T> Uni<Integer> apply(SqlConnection transaction, List<T> records, Preference mail,
            Function<T, Addressee> addressee, BiFunction<T, Recipient, NewNotification> notice) {
        Map<NotificationKind, Integer> made = new EnumMap<>(NotificationKind.class);
        Uni<Void> work = Uni.createFrom().voidItem();
        for (T record : records) {
            Addressee to = addressee.apply(record);
            work = work.chain(() -> recipients.user(transaction, to.accountId(), to.userId(), to.knownEmail(), mail))
                    .map(recipient -> notice.apply(record, recipient))
                    .chain(notification -> notifications.insert(transaction, notification).invoke(isNew -> {
                        if (isNew) {
                            made.merge(notification.kind(), 1, Integer::sum);
                        }
                    })).replaceWithVoid();
        }
        return work.map(done -> {
            metrics.createdOnCommit(transaction, made);
            return made.values().stream().mapToInt(Integer::intValue).sum();
        });
    }
}
