package io.auditlog.audit.rest.api;


public record ContextInput(
        String ip,
        String userAgent,
        String loginType,
        String country,
        String region) {
}
