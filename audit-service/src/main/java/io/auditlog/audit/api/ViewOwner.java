package io.auditlog.audit.api;

/** Who owns a saved view: the token subject and the name the token gave at the view's last change. */
public record ViewOwner(String id, String name) {
}
