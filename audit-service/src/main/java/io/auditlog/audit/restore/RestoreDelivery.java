package io.auditlog.audit.restore;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.audit.client.RestoreClient;
import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.Restore;
import io.auditlog.audit.service.RestoreOutcomes;
import io.auditlog.audit.service.RestoreUrls;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Delivers pending restores to the producers' endpoints. The pending rows are the queue: each run claims due rows
 * with a lease (FOR UPDATE SKIP LOCKED, so replicas share the work), sends each, and records the outcome or the
 * next attempt. Nothing is kept in memory between runs, so a restart loses nothing: a killed replica's claims
 * are taken again when their lease ends. A run does not wait for its requests: a slow endpoint holds at most its
 * account's few in-flight slots ({@code audit.restore.per-account}), never the next run or other accounts.
 */
@ApplicationScoped
public class RestoreDelivery {

    private static final Logger LOG = Logger.getLogger(RestoreDelivery.class);

    /** This replica's name on its leases; a new one per start, so a restarted replica never mistakes old claims. */
    private final String owner = "audit-" + UUID.randomUUID();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RestoreOutcomes outcomes;
    private final RestoreClient client;
    private final RestoreUrls urls;
    private final AuditConfig.Restore config;

    RestoreDelivery(RestoreOutcomes outcomes, RestoreClient client, RestoreUrls urls, AuditConfig config) {
        this.outcomes = outcomes;
        this.client = client;
        this.urls = urls;
        this.config = config.restore();
    }

    @Scheduled(every = "${audit.restore.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return deliverDue().onFailure().invoke(e -> LOG.warnf("Restore delivery run failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Claims the due restores this replica has room for and starts their requests; answers the claimed ones as soon
     * as they are started (their outcomes are recorded when each answers).
     */
    public Uni<List<Restore>> deliverDue() {
        int room = config.maxInFlight() - inFlight.get();
        if (room <= 0) {
            return Uni.createFrom().item(List.of());
        }
        return outcomes.claim(owner, room).invoke(claimed -> claimed.forEach(restore -> {
            inFlight.incrementAndGet();
            deliver(restore).onTermination().invoke(inFlight::decrementAndGet).subscribe().with(done -> {
            }, e -> LOG.warnf("Restore %s: recording its attempt failed (%s); retried when its lease ends",
                    restore.id(), e.getMessage()));
        }));
    }

    /** One attempt of one claimed restore, to its recorded outcome. */
    Uni<Void> deliver(Restore restore) {
        return outcomes.target(restore).chain(target -> {
            if (target.isEmpty()) {
                return outcomes.failed(restore, owner, "the account has no usable restore endpoint registered");
            }
            URI url = URI.create(target.get().url());
            return Uni.createFrom().item(() -> urls.refusedAddress(url))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(refused -> refused != null ? outcomes.failed(restore, owner, refused)
                            : client.send(url, restore.id().toString(), target.get().secret(), restore.payload())
                                    .chain(answer -> {
                                        if (answer.accepted()) {
                                            return outcomes.succeeded(restore, owner);
                                        }
                                        if (answer.retryable()) {
                                            return outcomes.failedForNow(restore, owner, answer.describe());
                                        }
                                        return outcomes.failed(restore, owner, answer.describe());
                                    }));
        }).replaceWithVoid();
    }
}
