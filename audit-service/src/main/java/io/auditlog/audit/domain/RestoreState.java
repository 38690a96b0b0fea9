package io.auditlog.audit.domain;

/** Where a restore stands: waiting for the producer to accept it, or done either way. */
public enum RestoreState {
    PENDING, SUCCEEDED, FAILED
}
