package io.auditlog.common.feed;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * An audit event as the audit-service's change feed serves it (docs/architecture.md, "The event"): the fields sent
 * at ingest, plus {@code accountId}, {@code recordedAt}, the derived context and the links. Codes ({@code category},
 * {@code actor.type}, ...) are text, not enums: the catalog is the audit-service's and grows without the consumers.
 * Fields a producer adds later are ignored, so the producer can add them without breaking a consumer.
 *
 * @param details the stored details object as JSON text ({@code null} when there are none): written into a page as
 *        it is, and read back with every number as it was written ({@link RawJson})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FeedEvent(String id, String accountId, Instant occurredAt, Instant recordedAt, String category,
        String subcategory, String action, Actor actor, EventObject object, Context context,
        @JsonRawValue @JsonDeserialize(using = RawJson.class) String details, Links links) {

    /** Who performed the action; {@code department} is set for vendor staff only. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(String id, String email, String name, String type, String department, List<String> teams) {
    }

    /** What the action was performed on; {@code path} and {@code itemType} describe file-storage items. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EventObject(String type, String id, String name, String path, String itemType) {
    }

    /** Where the action came from, with browser, OS and device the audit-service read from the user agent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Context(String ip, String userAgent, String loginType, String country, String region,
            String browser, String os, String device) {
    }

    /** The event in the audit API, and where a console shows its object (null without an object). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Links(String self, String object) {
    }
}
