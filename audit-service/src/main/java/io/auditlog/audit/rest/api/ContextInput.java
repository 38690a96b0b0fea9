package io.auditlog.audit.rest.api;

import jakarta.validation.constraints.Size;

public record ContextInput(
        @Size(max = 64) String ip,
        @Size(max = 1024) String userAgent,
        @Size(max = 64) String loginType,
        @Size(max = 64) String country,
        @Size(max = 128) String region) {
}
