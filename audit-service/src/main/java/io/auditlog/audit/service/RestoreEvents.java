package io.auditlog.audit.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.NewEvent;
import io.auditlog.audit.domain.StoredEvent;

/**
 * The audit events of a restore (category AUDIT_LOG, subcategory RESTORE) and the body sent to the producer. The
 * event ids are derived from the restore id, so a repeated write of one outcome cannot record it twice.
 */
@ApplicationScoped
public class RestoreEvents {

    static final String CATEGORY = "AUDIT_LOG";
    static final String SUBCATEGORY = "RESTORE";
    /** The actor of outcome events: the platform itself, not a person. */
    static final Actor PLATFORM = new Actor("audit-service", null, "Audit log platform", ActorType.SYSTEM, null,
            List.of());

    private final ObjectMapper json;

    RestoreEvents(ObjectMapper json) {
        this.json = json;
    }

    public static String requestEventId(UUID restoreId) {
        return "restore." + restoreId + ".requested";
    }

    public static String outcomeEventId(UUID restoreId) {
        return "restore." + restoreId + ".outcome";
    }

    /** What the producer receives: which object to restore, for whom, on whose request. */
    String payload(UUID restoreId, StoredEvent deletion, String userId, String userName, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("restoreId", restoreId.toString());
        body.put("accountId", deletion.accountId());
        body.put("deletionEventId", deletion.id());
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", deletion.object().type());
        object.put("id", deletion.object().id());
        object.put("name", deletion.object().name());
        body.put("object", object);
        body.put("requestedBy", Map.of("id", userId, "name", userName));
        body.put("requestedAt", at.toString());
        return write(body);
    }

    NewEvent requested(UUID restoreId, StoredEvent deletion, String userId, String userName, String email,
            Instant at) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deletionEventId", deletion.id());
        details.put("restoreId", restoreId.toString());
        return new NewEvent(requestEventId(restoreId), at.atOffset(ZoneOffset.UTC), CATEGORY, SUBCATEGORY,
                "RESTORE_REQUESTED", new Actor(userId, email, userName, ActorType.USER, null, List.of()),
                deletion.object(), null, write(details));
    }

    NewEvent outcome(UUID restoreId, String deletionEventId, EventObject object, boolean succeeded, int attempts,
            String error, Instant at) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("deletionEventId", deletionEventId);
        details.put("restoreId", restoreId.toString());
        details.put("attempts", attempts);
        if (error != null) {
            details.put("error", error);
        }
        return new NewEvent(outcomeEventId(restoreId), at.atOffset(ZoneOffset.UTC), CATEGORY, SUBCATEGORY,
                succeeded ? "RESTORE_SUCCEEDED" : "RESTORE_FAILED", PLATFORM, object, null, write(details));
    }

    /** The deleted object as the payload names it (the request event carries the same). */
    EventObject objectOf(String payload) {
        try {
            Map<?, ?> object = (Map<?, ?>) json.readValue(payload, Map.class).get("object");
            return new EventObject((String) object.get("type"), (String) object.get("id"), (String) object.get("name"),
                    null, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored restore payload is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Maps of strings always serialize", e);
        }
    }
}
