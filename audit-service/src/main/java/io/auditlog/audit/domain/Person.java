package io.auditlog.audit.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * Someone who called the API as a super admin of an account, as their token named them. The audit-service has no
 * user directory; these are the people a comment may mention (docs/decisions.md, "Comments and mentions").
 */
@Entity
@Table(name = "person", schema = "audit")
@IdClass(Person.Key.class)
public class Person {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Id
    @Column(name = "user_id")
    public String userId;

    public String name;

    public String email;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    /** The composite key. */
    public static class Key implements Serializable {
        public String accountId;
        public String userId;

        public Key() {
        }

        public Key(String accountId, String userId) {
            this.accountId = accountId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(accountId, key.accountId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, userId);
        }
    }
}
