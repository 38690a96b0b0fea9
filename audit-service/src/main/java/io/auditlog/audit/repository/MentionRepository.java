package io.auditlog.audit.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.MentionEntry;
import io.auditlog.common.feed.FeedPosition;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The durable mention records: written in the comment's own transaction (the Panache session's), read as a feed
 * in (writing transaction, seq) order below the change feed's horizon (audit.feed_horizon()), so a comment that
 * commits late is never passed over.
 */
@ApplicationScoped
public class MentionRepository {

    // The unique key (comment, person) makes a repeated mention, by an edit or a retry, write nothing.
    private static final String RECORD = "INSERT INTO audit.comment_mention (comment_id, event_id, account_id,"
            + " author_name, mentioned_user_id, mentioned_email, excerpt) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            + " ON CONFLICT (comment_id, mentioned_user_id) DO NOTHING";

    // Qualified columns, ">= AND NOT =" rather than ">": the reasons are FeedRepository's.
    private static final String PAGE = """
            SELECT m.comment_id, m.event_id, m.account_id, m.author_name, m.mentioned_user_id, m.mentioned_email,
                   m.excerpt, m.created_at, m.tx_id::text AS tx_id, m.seq
              FROM audit.comment_mention m
             WHERE (m.tx_id, m.seq) >= (($1::text)::xid8, $2) AND NOT (m.tx_id = ($1::text)::xid8 AND m.seq = $2)
               AND m.tx_id < (SELECT audit.feed_horizon())
             ORDER BY m.tx_id, m.seq LIMIT $3""";

    private final Pool pool;

    MentionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records that a comment mentions a person, unless it already did; on the caller's Panache transaction, after
     * the comment was flushed. Answers whether the record is new.
     */
    public Uni<Boolean> record(UUID commentId, String eventId, String accountId, String authorName,
            String mentionedUserId, String mentionedEmail, String excerpt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RECORD)
                .setParameter(1, commentId).setParameter(2, eventId).setParameter(3, accountId)
                .setParameter(4, authorName).setParameter(5, mentionedUserId).setParameter(6, mentionedEmail)
                .setParameter(7, excerpt).executeUpdate()).map(rows -> rows > 0);
    }

    /** Up to {@code limit} records after {@code position}, in feed order. */
    public Uni<List<MentionEntry>> after(FeedPosition position, int limit) {
        return pool.preparedQuery(PAGE).execute(Tuple.of(position.txId(), position.seq(), limit)).map(rows -> {
            List<MentionEntry> entries = new ArrayList<>(rows.size());
            for (Row row : rows) {
                entries.add(new MentionEntry(row.getUUID("comment_id"), row.getString("event_id"),
                        row.getString("account_id"), row.getString("author_name"),
                        row.getString("mentioned_user_id"), row.getString("mentioned_email"), row.getString("excerpt"),
                        row.getOffsetDateTime("created_at").toInstant(),
                        new FeedPosition(row.getString("tx_id"), row.getLong("seq"))));
            }
            return entries;
        });
    }
}
