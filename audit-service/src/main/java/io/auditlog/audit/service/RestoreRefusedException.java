package io.auditlog.audit.service;

import java.util.List;

import io.auditlog.audit.domain.RestoreRefusal;
import io.auditlog.common.problem.ProblemException;

/** A 409: the deletion cannot be restored now; {@link #reason()} becomes the problem's {@code reason} member. */
public class RestoreRefusedException extends ProblemException {

    private final RestoreRefusal reason;

    public RestoreRefusedException(RestoreRefusal reason, String detail) {
        super(409, "Not restorable", detail, List.of());
        this.reason = reason;
    }

    public RestoreRefusal reason() {
        return reason;
    }
}
