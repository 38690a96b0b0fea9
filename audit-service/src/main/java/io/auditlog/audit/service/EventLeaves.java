package io.auditlog.audit.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.domain.StoredEvent;
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

    /** The leaf read from the view's bytes in one pass (no tree of the event: the sealer hashes every event). */
    public byte[] leafHash(StoredEvent event) {
        try {
            byte[] written = json.writeValueAsBytes(views.toView(event, Plan.ENTERPRISE));
            return EventLeaf.leafOf(written, 0, written.length).hash();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event " + event.id() + " could not be written as JSON", e);
        }
    }
}
