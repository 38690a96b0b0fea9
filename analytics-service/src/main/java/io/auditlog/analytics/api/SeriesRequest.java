package io.auditlog.analytics.api;

import java.util.List;

/**
 * The series' query parameters as the caller sent them (null when absent; list filters repeated or comma-separated);
 * the service reads and checks them.
 */
public record SeriesRequest(String groupBy, String from, String to, String tz, String interval, List<String> category,
        List<String> action, List<String> objectType, List<String> actor) {
}
