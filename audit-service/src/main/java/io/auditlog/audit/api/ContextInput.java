package io.auditlog.audit.api;


public record ContextInput(
        String ip,
        String userAgent,
        String loginType,
        String country,
        String region) {
}
