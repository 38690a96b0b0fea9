package io.auditlog.audit.catalog;

/** A machine code and the label a console shows for it. */
public record Code(String code, String label) {
}
