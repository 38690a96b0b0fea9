package io.auditlog.audit.api;


import io.auditlog.audit.domain.ItemType;

public record ObjectInput(
        String type,
        String id,
        String name,
        String path,
        ItemType itemType) {
}
