package io.auditlog.audit.api;

/** Where the action came from, with browser, OS and device read from the user agent. */
public record ContextView(String ip, String userAgent, String loginType, String country, String region,
        String browser, String os, String device) {
}
