package io.auditlog.export.worker;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.auditlog.common.work.Doorbells;
import io.quarkus.runtime.StartupEvent;

/** NOTIFY export_jobs wakes the worker; the job rows are the truth and the worker's timer polls too. */
@ApplicationScoped
public class JobDoorbell {

    private final ExportWorker worker;
    private final Doorbells doorbells;

    JobDoorbell(ExportWorker worker, Doorbells doorbells) {
        this.worker = worker;
        this.doorbells = doorbells;
    }

    void start(@Observes StartupEvent event) {
        doorbells.listen("export-service-listener", Map.of("export_jobs", worker::wake));
    }
}
