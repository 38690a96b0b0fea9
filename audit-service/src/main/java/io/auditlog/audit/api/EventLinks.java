package io.auditlog.audit.api;

/** The event itself, and where a console shows the object it concerns (null without an object). */
public record EventLinks(String self, String object) {
}
