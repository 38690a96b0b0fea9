package io.auditlog.audit.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A person's saved view of the log: a name, the log query's filters, the columns shown and the sort. Private to
 * its owner, or shared with every super admin of the account; only the owner changes or deletes it.
 */
@Entity
@Table(name = "saved_view", schema = "audit")
public class SavedView {

    /** The log's columns a view may show, in the log's order (the console's table). */
    public static final List<String> COLUMNS = List.of("time", "user", "department", "category", "activity", "object",
            "where");
    /** The columns of a view that names none, and of the built-in views: the log's own default. */
    public static final List<String> DEFAULT_COLUMNS = List.of("time", "user", "category", "activity", "object",
            "where");
    public static final int MAX_NAME = 100;
    /** Views one person may own: enough for any working set, few enough that the tabs stay a list to choose from. */
    public static final int MAX_PER_OWNER = 100;

    public enum Sort {
        NEWEST, OLDEST
    }

    @Id
    @Column(name = "view_id")
    public UUID id;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "owner_name")
    public String ownerName;

    public String name;

    /** The filters as a JSON object of log query parameters. */
    public String filters;

    /** Comma-separated codes of {@link #COLUMNS}. */
    public String columns;

    @Enumerated(EnumType.STRING)
    public Sort sort;

    public boolean shared;

    @Version
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public List<String> columnList() {
        return List.of(columns.split(","));
    }

    /** Whether {@code userId} of {@code accountId} may read (and use, and clone) the view. */
    public boolean readableBy(String accountId, String userId) {
        return this.accountId.equals(accountId) && (shared || ownerId.equals(userId));
    }
}
