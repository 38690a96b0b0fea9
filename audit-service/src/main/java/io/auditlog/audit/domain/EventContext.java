package io.auditlog.audit.domain;

/** Where the action came from, as the producer saw it. */
public record EventContext(String ip, String userAgent, String loginType, String country, String region) {
}
