package io.auditlog.audit.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.audit.api.PeopleView;
import io.auditlog.audit.api.PersonView;
import io.auditlog.audit.repository.PersonRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The account's super admins, as far as the audit-service knows them: everyone who called its API with the
 * audit-admin role, recorded from their token (docs/decisions.md, "Comments and mentions"). A person is written at
 * most once a minute per replica (and the statement itself writes nothing within a minute of the last sighting).
 */
@ApplicationScoped
public class PeopleService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Duration EVERY = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 100_000;
    private static final Logger LOG = Logger.getLogger(PeopleService.class);

    private final PersonRepository people;
    private final DatabaseCalls calls;
    private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

    PeopleService(PersonRepository people, DatabaseCalls calls) {
        this.people = people;
        this.calls = calls;
    }

    /**
     * Records a super admin's call. Never fails the call it rides on: a person not recorded now is at their next
     * call after the database is back.
     */
    public Uni<Void> seen(String accountId, String userId, String name, String email) {
        String key = accountId + '\n' + userId + '\n' + name + '\n' + email;
        Instant now = Instant.now();
        Instant last = lastWritten.get(key);
        if (last != null && last.plus(EVERY).isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        if (lastWritten.size() >= MAX_REMEMBERED) {
            lastWritten.clear();
        }
        return calls.bounded(people.seen(accountId, userId, name, email))
                .invoke(() -> lastWritten.put(key, now))
                .onFailure().recoverWithUni(e -> {
                    LOG.debugf("A super admin's call was not recorded in audit.person: %s", e.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /** The account's people whose name, address or id contains {@code q}, by name. */
    public Uni<PeopleView> search(String accountId, String q, String limit) {
        int size = PageLimits.parse(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 200) {
            throw ProblemException.badRequest("q", "must be at most 200 characters");
        }
        return calls.bounded(people.search(accountId, text, size)).map(found -> new PeopleView(found.stream()
                .map(p -> new PersonView(p.userId, p.name, p.email, p.lastSeenAt)).toList()));
    }
}
