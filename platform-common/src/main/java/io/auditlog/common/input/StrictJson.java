package io.auditlog.common.input;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * One JSON reading policy for every service: a body means exactly what it says or it is refused (400). Jackson's
 * defaults are lenient in ways an audit system must not be: text after the JSON ({@code {"a":1} garbage}) is
 * ignored, {@code 1} becomes the second enum constant, {@code 1.5} becomes the number 1, {@code 2} becomes
 * {@code true}, {@code "10"} becomes 10, and {@code "STARTER\u0000"} (trimmed) becomes STARTER. Each of those now
 * fails with the field named.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Longer digit strings than any value the platform takes (a long has 19 digits). */
    static final int MAX_NUMBER_LENGTH = 40;
    /** Deeper than any body the platform takes (event details are limited further by the audit-service). */
    static final int MAX_NESTING_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /**
     * Longer than any number a feed page can hold: PostgreSQL writes a jsonb number in full, so an event's details
     * value of 1e300 comes back as 301 digits (its numeric type allows 131,072 before the point and 16,383 after).
     */
    static final int MAX_FEED_NUMBER_LENGTH = 200_000;
    /** Details nest as deep as ingest allowed, and a page adds its own levels around them. */
    static final int MAX_FEED_NESTING = 1_000;

    /**
     * A copy of {@code mapper} for reading what the platform's own producers serve (feed pages), without the
     * request-input limits: those refuse what a client may send, while a page carries what the producer stored,
     * which any tenant's event shapes. A page refused for a long number would be read again and refused again, and
     * the feed would stop for every tenant.
     */
    public static ObjectMapper forProducerData(ObjectMapper mapper) {
        ObjectMapper copy = mapper.copy();
        copy.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_FEED_NUMBER_LENGTH).maxNestingDepth(MAX_FEED_NESTING).build());
        return copy;
    }

    /** The same policy for a mapper made outside CDI (tests, tools). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH).maxNestingDepth(MAX_NESTING_DEPTH).build());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (CoercionInputShape shape : new CoercionInputShape[] { CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.String }) {
            mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType number : new LogicalType[] { LogicalType.Integer, LogicalType.Float }) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : new CoercionInputShape[] { CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
            mapper.coercionConfigFor(LogicalType.Enum).setCoercion(shape, CoercionAction.Fail);
        }
        ExactEnumNames.register(mapper);
        return mapper;
    }
}
