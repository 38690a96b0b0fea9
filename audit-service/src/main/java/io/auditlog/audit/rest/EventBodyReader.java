package io.auditlog.audit.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

import io.auditlog.audit.api.EventInput;
import io.auditlog.audit.config.AuditConfig;
import io.auditlog.common.input.TextInput;
import io.auditlog.common.input.Utf8;
import io.auditlog.common.problem.JsonInputProblems;
import io.auditlog.common.problem.ProblemException;

/**
 * Reads the body of POST /api/v1/events, which is one event or {"events":[...]}, straight from the bytes into
 * event records (no intermediate tree: this is the ingest hot path), naming the exact field of anything
 * unreadable, e.g. events[3].occurredAt. Unknown fields are refused rather than dropped: an audit record must not
 * silently lose what the producer meant to record.
 */
@ApplicationScoped
public class EventBodyReader {

    /**
     * The events of a body, whether they came as a batch (problems then name events[i]), and whether its text
     * needs checking string by string ({@link TextInput#cannotFail}: false for nearly every body).
     */
    public record Body(List<EventInput> events, boolean batch, boolean checkText) {
    }

    private static final String SHAPE = "must be one event object or {\"events\":[...]}";

    private final ObjectMapper mapper;
    private final ObjectReader eventReader;
    private final ObjectReader wholeBodyReader;
    private final int maxBatch;

    /**
     * {@code mapper} is the service's strict one (StrictJson). Metadata numbers are read as BigDecimal, trailing
     * zeros kept: as doubles, 1e400 became the string "Infinity" and long fractions lost digits, so the log
     * recorded something the producer did not send.
     */
    EventBodyReader(ObjectMapper mapper, AuditConfig config) {
        this.mapper = mapper;
        ObjectReader strict = mapper.readerFor(EventInput.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        // A batch's events are read one by one from the same parser, so the next event is not "trailing" for the
        // reader of one; the whole-body reader below and the batch's own end check refuse real trailing tokens.
        this.eventReader = strict.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.wholeBodyReader = strict.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxBatch = config.ingest().maxBatch();
    }

    public Body read(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("body", "is required: one event or {\"events\":[...]}");
        }
        // Jackson decodes some ill-formed UTF-8 (overlong C0 AF, encoded surrogates ED A0 80) into characters the
        // sender never wrote, and the event was stored; nothing of a body that is not UTF-8 is read.
        int invalid = Utf8.firstInvalid(body, 0, body.length);
        if (invalid >= 0) {
            throw ProblemException.badRequest("body", "must be UTF-8: invalid byte sequence at byte " + invalid);
        }
        boolean checkText = !TextInput.cannotFail(body);
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw ProblemException.badRequest("body", SHAPE);
            }
            if ("events".equals(parser.nextFieldName())) {
                return new Body(readBatch(parser), true, checkText);
            }
            EventInput single = wholeBodyReader.readValue(body);
            return new Body(List.of(single), false, checkText);
        } catch (JsonProcessingException e) {
            throw JsonInputProblems.of(e, "");
        } catch (IOException e) {
            throw ProblemException.badRequest("body", "unreadable: " + e.getMessage());
        }
    }

    private List<EventInput> readBatch(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw ProblemException.badRequest("events", "must be an array");
        }
        List<EventInput> events = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            String path = "events[" + events.size() + "]";
            if (events.size() == maxBatch) {
                throw ProblemException.badRequest("events", "must hold 1 to " + maxBatch + " events");
            }
            if (token != JsonToken.START_OBJECT) {
                throw ProblemException.badRequest(path, "must be an event object");
            }
            try {
                EventInput event = eventReader.readValue(parser);
                events.add(event);
            } catch (JsonProcessingException e) {
                throw JsonInputProblems.of(e, path);
            }
        }
        if (events.isEmpty()) {
            throw ProblemException.badRequest("events", "must hold 1 to " + maxBatch + " events");
        }
        JsonToken after = parser.nextToken();
        if (after == JsonToken.FIELD_NAME) {
            throw ProblemException.badRequest(parser.currentName(), "unknown field; a batch has only \"events\"");
        }
        if (after != JsonToken.END_OBJECT || parser.nextToken() != null) {
            throw ProblemException.badRequest("body", SHAPE);
        }
        return events;
    }
}
