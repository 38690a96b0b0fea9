package io.auditlog.audit.domain;

/** What the action was performed on; {@code path} and {@code itemType} describe file-storage items. */
public record EventObject(String type, String id, String name, String path, ItemType itemType) {
}
