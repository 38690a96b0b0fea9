package io.auditlog.export.domain;

public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, EXPIRED
}
