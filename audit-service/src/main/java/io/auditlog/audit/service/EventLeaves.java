package io.auditlog.audit.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.integrity.CanonicalJson;
import io.auditlog.integrity.EventLeaf;

/**
 * An event's leaf, from the event exactly as {@code GET /api/v1/events/{id}} writes it for an Enterprise account
 * (the same mapper, the same JSON writer), projected to the library's fixed version-1 form: what a customer's
 * verifier recomputes from the JSON it downloaded.
 */
@ApplicationScoped
public class EventLeaves {

    private final EventViewMapper views;
    private final ObjectMapper json;

    EventLeaves(EventViewMapper views, ObjectMapper json) {
        this.views = views;
        this.json = json;
    }

    public byte[] leafHash(StoredEvent event) {
        try {
            return EventLeaf.leafHash(CanonicalJson.parse(json.writeValueAsString(views.toView(event, Plan.ENTERPRISE))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.id() + " could not be written as JSON", e);
        }
    }
}
