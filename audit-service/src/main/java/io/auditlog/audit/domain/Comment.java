package io.auditlog.audit.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A comment on one log entry: a thread's top comment ({@code parentId} null) or a reply to one. A deleted comment
 * with replies stays as a placeholder ({@code deletedAt} set, no text); one without replies is removed.
 */
@Entity
@Table(name = "comment", schema = "audit")
public class Comment {

    /** Longest text a comment may have, in characters (UTF-16 units, as the console counts them). */
    public static final int MAX_TEXT = 5000;
    /** Most people one comment may mention. */
    public static final int MAX_MENTIONS = 20;

    @Id
    @Column(name = "comment_id")
    public UUID commentId;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "author_id")
    public String authorId;

    @Column(name = "author_name")
    public String authorName;

    /** The text; null once deleted. */
    @Column(name = "body")
    public String text;

    /** A text[] column: Hibernate maps a basic array to a SQL array by itself. */
    @Column(name = "mentions")
    public String[] mentions;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "edited_at")
    public Instant editedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    /** Every change raises it; a change sent with an older one is refused (409). */
    @Version
    public int version;

    public boolean isReply() {
        return parentId != null;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }
}
