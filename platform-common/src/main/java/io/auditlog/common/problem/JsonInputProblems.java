package io.auditlog.common.problem;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's reading errors into the field and reason a caller can act on, without class names. */
public final class JsonInputProblems {

    private JsonInputProblems() {
    }

    /** @param prefix the path of the value being read, e.g. {@code events[2]}, or empty for the whole body */
    public static ProblemException of(JsonProcessingException e, String prefix) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            String field = prefix.isEmpty() ? "body" : prefix;
            return ProblemException.badRequest(field, "malformed JSON: " + e.getOriginalMessage());
        }
        String field = join(prefix, path(mapping));
        return ProblemException.badRequest(field, reason(mapping));
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                return "must be one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf)
                        .collect(Collectors.joining(", "));
            }
            return "cannot read " + describe(format.getValue()) + " as " + typeName(target);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + typeName(mismatch.getTargetType());
        }
        return "invalid value";
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "the expected type";
        }
        String name = type.getSimpleName();
        return switch (name) {
            case "OffsetDateTime", "Instant", "ZonedDateTime" -> "an ISO-8601 timestamp with offset, e.g. 2026-11-20T10:15:30Z";
            case "String" -> "a string";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            case "List", "Set" -> "an array";
            default -> type.isEnum() ? "one of the listed values" : "an object";
        };
    }

    private static String describe(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }
}
