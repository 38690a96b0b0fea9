package io.auditlog.audit.repository;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.Person;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The people who called the API as super admins, per account. Sightings are an upsert on the reactive pool (one
 * statement, no read-then-write race between replicas, and no Hibernate session: they are written while a request
 * is being authenticated); lookups are Panache queries.
 */
@ApplicationScoped
public class PersonRepository implements PanacheRepositoryBase<Person, Person.Key> {

    /*
     * A sighting within a minute of the last one that changes nothing writes nothing (the WHERE of DO UPDATE), so a
     * burst of requests from several replicas costs index lookups only.
     */
    private static final String SEEN = """
            INSERT INTO audit.person AS p (account_id, user_id, name, email, last_seen_at)
            VALUES ($1, $2, $3, $4, now())
            ON CONFLICT (account_id, user_id) DO UPDATE
               SET name = EXCLUDED.name, email = EXCLUDED.email, last_seen_at = EXCLUDED.last_seen_at
             WHERE p.last_seen_at < now() - interval '1 minute'
                OR p.name IS DISTINCT FROM EXCLUDED.name OR p.email IS DISTINCT FROM EXCLUDED.email""";

    private final Pool pool;

    PersonRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records that the person called the API now (in a statement of its own). */
    public Uni<Void> seen(String accountId, String userId, String name, String email) {
        return pool.preparedQuery(SEEN).execute(Tuple.of(accountId, userId, name, email)).replaceWithVoid();
    }

    /** The account's people among {@code userIds}. */
    @WithSession
    public Uni<List<Person>> among(String accountId, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("accountId = ?1 and userId in ?2", accountId, userIds);
    }

    /**
     * The account's people whose name, address or id contains {@code text} (any case; null for everyone), by name,
     * at most {@code limit}.
     */
    @WithSession
    public Uni<List<Person>> search(String accountId, String text, int limit) {
        if (text == null) {
            return find("accountId = ?1", Sort.by("name").and("userId"), accountId).page(Page.ofSize(limit)).list();
        }
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return find("accountId = ?1 and (lower(name) like ?2 escape '\\' or lower(email) like ?2 escape '\\'"
                + " or lower(userId) like ?2 escape '\\')", Sort.by("name").and("userId"), accountId, pattern)
                .page(Page.ofSize(limit)).list();
    }
}
