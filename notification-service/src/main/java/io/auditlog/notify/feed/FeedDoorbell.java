package io.auditlog.notify.feed;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.auditlog.common.work.Doorbells;
import io.quarkus.runtime.StartupEvent;

/**
 * NOTIFY audit_feed and NOTIFY export_ready wake the matching feed consumer. The connection is named
 * {@code notification-service-listener} so operators (and the fault tests) can find it.
 */
@ApplicationScoped
public class FeedDoorbell {

    static final String LISTENER = "notification-service-listener";

    private final FeedWorkers workers;
    private final Doorbells doorbells;

    FeedDoorbell(FeedWorkers workers, Doorbells doorbells) {
        this.workers = workers;
        this.doorbells = doorbells;
    }

    void start(@Observes StartupEvent event) {
        doorbells.listen(LISTENER, Map.of("audit_feed", workers::wakeAudit, "export_ready", workers::wakeExportReady));
    }
}
