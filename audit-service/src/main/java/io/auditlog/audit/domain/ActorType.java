package io.auditlog.audit.domain;

/** Who acted: only actions by people (or integrations and the system acting for them) are recorded. */
public enum ActorType {
    USER, STAFF, INTEGRATION, SYSTEM
}
