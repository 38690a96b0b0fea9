package io.auditlog.audit.maintenance;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.audit.service.LogAccessService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Forgets the coalescing rows of log reads (audit.log_access) once they are older than audit.log-access.keep: they
 * only decide whether a read within the window writes an event, and the events themselves are the record. A delete
 * by time is the same on every replica, so replicas need no turn-taking.
 */
@ApplicationScoped
public class LogAccessPurge {

    private static final Logger LOG = Logger.getLogger(LogAccessPurge.class);

    private final LogAccessService access;

    LogAccessPurge(LogAccessService access) {
        this.access = access;
    }

    @Scheduled(every = "${audit.log-access.purge-every}", delayed = "${audit.log-access.purge-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return access.purge().invoke(n -> {
            if (n > 0) {
                LOG.debugf("Forgot %d coalescing rows of log reads", n);
            }
        }).onFailure().invoke(e -> LOG.warnf("Log-access rows not purged this time: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
