package io.auditlog.audit.domain;

/** A machine code and the label a console shows for it. */
public record Code(String code, String label) {
}
