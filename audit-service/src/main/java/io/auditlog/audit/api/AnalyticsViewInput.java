package io.auditlog.audit.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person's view of an analytics dashboard section, as the analytics-service reports it with their token. */
public record AnalyticsViewInput(
        @Schema(description = "The section viewed: lower-case letters, digits and -, e.g. summary, series",
                required = true) String section,
        @Schema(description = "The section's parameters as the person sent them: a string or an array of strings "
                + "each") Map<String, Object> filters) {
}
