package io.auditlog.audit.domain;

/** Why a deletion cannot be restored now (the {@code reason} of the 409 and of the eligibility answer). */
public enum RestoreRefusal {
    NOT_A_DELETE, TOO_OLD, NO_ENDPOINT, PENDING
}
