package io.auditlog.audit.rest.api;

import jakarta.validation.constraints.Size;

import io.auditlog.audit.domain.ItemType;

public record ObjectInput(
        @Size(max = 128) String type,
        @Size(max = 256) String id,
        @Size(max = 1024) String name,
        @Size(max = 4096) String path,
        ItemType itemType) {
}
