package io.auditlog.audit.repository;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.SavedView;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class SavedViewRepository implements PanacheRepositoryBase<SavedView, UUID> {

    /** The person's own views and the account's shared views of others: what the person may read. */
    public Uni<List<SavedView>> readableBy(String accountId, String userId) {
        return list("accountId = ?1 and (ownerId = ?2 or shared = true) order by lower(name), id", accountId, userId);
    }

    public Uni<Long> countOwned(String accountId, String userId) {
        return count("accountId = ?1 and ownerId = ?2", accountId, userId);
    }

    /** Whether the person owns another view of this name (case-insensitively), other than {@code except}. */
    public Uni<Boolean> nameTaken(String accountId, String userId, String name, UUID except) {
        return count("accountId = ?1 and ownerId = ?2 and lower(name) = ?3 and id <> ?4", accountId, userId,
                name.toLowerCase(Locale.ROOT), except == null ? new UUID(0, 0) : except).map(n -> n > 0);
    }

    public Uni<List<SavedView>> ownedBy(String accountId, String userId) {
        return list("accountId = ?1 and ownerId = ?2", accountId, userId);
    }

    /**
     * Stamps the view's last use without touching its version: using a view is not a change of it, and must not
     * make its owner's open edit stale.
     */
    public Uni<Integer> markUsed(UUID id, Instant at) {
        return update("lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?1)", at, id);
    }
}
