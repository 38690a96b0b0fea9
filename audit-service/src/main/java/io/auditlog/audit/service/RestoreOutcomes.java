package io.auditlog.audit.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.Restore;
import io.auditlog.audit.domain.RestoreState;
import io.auditlog.audit.repository.EventRepository;
import io.auditlog.audit.repository.RestoreRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The delivery job's database side: claiming due restores, reading the endpoint to send them to, and recording each
 * attempt's outcome. A final outcome and its audit event commit together, and only while the claiming replica
 * still holds the lease, so a restore has exactly one outcome however many replicas tried it.
 */
@ApplicationScoped
public class RestoreOutcomes {

    private final Pool pool;
    private final RestoreRepository restores;
    private final EventRepository events;
    private final RestoreEvents restoreEvents;
    private final SecretCipher cipher;
    private final AuditConfig.Restore config;

    RestoreOutcomes(Pool pool, RestoreRepository restores, EventRepository events, RestoreEvents restoreEvents,
            SecretCipher cipher, AuditConfig config) {
        this.pool = pool;
        this.restores = restores;
        this.events = events;
        this.restoreEvents = restoreEvents;
        this.cipher = cipher;
        this.config = config.restore();
    }

    /** Where and with which secret to send a restore; empty when the account has none (any more) usable. */
    public record Target(String url, String secret) {
    }

    public Uni<List<Restore>> claim(String owner, int limit) {
        return pool.withTransaction(connection -> restores.claimDue(connection, owner, config.lease(), limit,
                config.perAccount()));
    }

    public Uni<Optional<Target>> target(Restore restore) {
        return restores.endpoint(pool, restore.accountId()).map(endpoint -> endpoint == null ? Optional.empty()
                : cipher.open(endpoint.accountId(), endpoint.secretCipher(), endpoint.secretNonce(), endpoint.keyId())
                        .map(secret -> new Target(endpoint.url(), secret)));
    }

    public Uni<Boolean> succeeded(Restore restore, String owner) {
        return finish(restore, owner, RestoreState.SUCCEEDED, null);
    }

    public Uni<Boolean> failed(Restore restore, String owner, String error) {
        return finish(restore, owner, RestoreState.FAILED, error);
    }

    /**
     * A failure worth retrying: the next attempt after the back-off (doubling from the first wait up to the longest),
     * at the latest when the restore reaches its maximum age; one that failed at that age has failed for good.
     */
    public Uni<Boolean> failedForNow(Restore restore, String owner, String error) {
        Instant now = Instant.now();
        Instant deadline = restore.requestedAt().plus(config.maxAge());
        if (!now.isBefore(deadline)) {
            return failed(restore, owner, "gave up after " + restore.attempts() + " attempts: " + error);
        }
        Duration wait = backOff(config.firstRetry(), config.maxRetry(), restore.attempts());
        Instant next = now.plus(wait).isAfter(deadline) ? deadline : now.plus(wait);
        return restores.retryAt(pool, restore.id(), owner, next, error);
    }

    /** The wait after the {@code attempts}-th failed attempt: first, 2 first, 4 first, ... at most max. */
    static Duration backOff(Duration first, Duration max, int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private Uni<Boolean> finish(Restore restore, String owner, RestoreState state, String error) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String outcomeId = RestoreEvents.outcomeEventId(restore.id());
        return pool.withTransaction(connection -> restores.complete(connection, restore.id(), owner, state, error,
                outcomeId, now).chain(done -> {
                    if (done == null) {
                        return Uni.createFrom().item(false); // another replica took the restore over
                    }
                    return events.insertNew(connection, restore.accountId(), List.of(restoreEvents.outcome(
                            restore.id(), restore.deletionEventId(), restoreEvents.objectOf(restore.payload()),
                            state == RestoreState.SUCCEEDED, restore.attempts(), error, now)))
                            .call(() -> events.signalFeed(connection)).replaceWith(true);
                }));
    }
}
