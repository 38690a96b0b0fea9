package io.auditlog.analytics.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit-log query that lists exactly the events behind a count: {@code from} inclusive and {@code to}
 * exclusive, as the audit-service reads them, and each filter repeated for "any of" (category=A&category=B).
 */
public final class LogLinks {

    static final String EVENTS = "/api/v1/events";

    private LogLinks() {
    }

    /** A fresh, ordered set of filter parameters. */
    public static Map<String, List<String>> params() {
        return new LinkedHashMap<>();
    }

    public static String events(Instant from, Instant to, Map<String, List<String>> filters) {
        StringBuilder link = new StringBuilder(EVENTS).append("?from=").append(encode(from.toString()))
                .append("&to=").append(encode(to.toString()));
        filters.forEach((name, values) -> values.forEach(
                value -> link.append('&').append(name).append('=').append(encode(value))));
        return link.toString();
    }

    /** Query-string encoding; ':' may stay as it is in a query, which keeps the timestamps readable. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%3A", ":");
    }
}
