package io.auditlog.audit.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.Comment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Comments on log entries (plain CRUD: Hibernate Reactive Panache; the service opens the transactions). */
@ApplicationScoped
@WithSession
public class CommentRepository implements PanacheRepositoryBase<Comment, UUID> {

    /** Every comment of one log entry, placeholders included, oldest first. */
    public Uni<List<Comment>> ofEvent(String accountId, String eventId) {
        return list("accountId = ?1 and eventId = ?2", Sort.by("createdAt").and("commentId"), accountId, eventId);
    }

    /** One comment of one log entry of the account, or null. */
    public Uni<Comment> find(String accountId, String eventId, UUID commentId) {
        return find("commentId = ?1 and accountId = ?2 and eventId = ?3", commentId, accountId, eventId)
                .firstResult();
    }

    /** How many replies a thread's top comment has. */
    public Uni<Long> replies(UUID parentId) {
        return count("parentId", parentId);
    }
}
