package io.auditlog.export.storage;

/**
 * Storing a report failed (the store was unreachable, or a file came out incomplete). Transient by nature: the
 * job's attempt is abandoned and the job is claimed again once its heartbeat is stale.
 */
public class ReportStoreException extends RuntimeException {

    public ReportStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
