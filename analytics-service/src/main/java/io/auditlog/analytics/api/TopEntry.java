package io.auditlog.analytics.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An entry of a top list: an actor, or an object (type and id), with its count and log query. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TopEntry(String actor, String objectType, String objectId, long count, String query) {
}
