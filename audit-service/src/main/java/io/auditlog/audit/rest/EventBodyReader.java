package io.auditlog.audit.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.rest.api.EventInput;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.JsonInputProblems;
import io.auditlog.common.problem.ProblemException;

/**
 * Reads the body of POST /api/v1/events, which is one event or {"events":[...]}, naming the exact field
 * (e.g. events[3].occurredAt) of anything unreadable. Unknown fields are refused rather than dropped: an audit
 * record must not silently lose what the producer meant to record.
 */
@ApplicationScoped
public class EventBodyReader {

    private final ObjectReader eventReader;
    private final AuditConfig config;

    EventBodyReader(ObjectMapper mapper, AuditConfig config) {
        this.eventReader = mapper.readerFor(EventInput.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.config = config;
    }

    public List<EventInput> read(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ProblemException.badRequest("body", "is required: one event or {\"events\":[...]}");
        }
        if (!body.isObject()) {
            throw ProblemException.badRequest("body", "must be one event object or {\"events\":[...]}");
        }
        if (!body.has("events")) {
            return List.of(readEvent(body, ""));
        }
        Iterator<String> fields = body.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!"events".equals(field)) {
                throw ProblemException.badRequest(field, "unknown field; a batch has only \"events\"");
            }
        }
        JsonNode events = body.get("events");
        if (!events.isArray()) {
            throw ProblemException.badRequest("events", "must be an array");
        }
        if (events.isEmpty() || events.size() > config.ingest().maxBatch()) {
            throw ProblemException.badRequest("events",
                    "must hold 1 to " + config.ingest().maxBatch() + " events, not " + events.size());
        }
        List<EventInput> inputs = new ArrayList<>(events.size());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                inputs.add(readEvent(events.get(i), "events[" + i + "]"));
            } catch (ProblemException e) {
                problems.addAll(e.errors());
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return inputs;
    }

    private EventInput readEvent(JsonNode node, String path) {
        if (!node.isObject()) {
            throw ProblemException.badRequest(path.isEmpty() ? "body" : path, "must be an event object");
        }
        try {
            return eventReader.readValue(node);
        } catch (JsonProcessingException e) {
            throw JsonInputProblems.of(e, path);
        } catch (IOException e) {
            throw ProblemException.badRequest(path.isEmpty() ? "body" : path, "unreadable event");
        }
    }
}
