package io.auditlog.integrity;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 JSON Canonicalization Scheme over a Jackson tree: object members sorted by their names' UTF-16 code
 * units, no whitespace, strings with only the escapes RFC 8785 section 3.2.2.2 allows, numbers as ECMAScript
 * writes a double (erdtman's {@link NumberToJSON}, the scheme's own reference serializer), UTF-8 out.
 *
 * <p>One deliberate extension: a number no double can hold (1e400, which an event's stored details may carry, as
 * PostgreSQL keeps it) is refused by RFC 8785; here it is written as the JSON string of its plain decimal text, so
 * every stored event still has exactly one canonical form. docs/decisions.md "Integrity" says why.
 */
public final class CanonicalJson {

    /** Reads numbers as BigDecimal so nothing is lost before canonicalization decides how to write them. */
    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static {
        READER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(200_000).maxNestingDepth(1_000).maxStringLength(Integer.MAX_VALUE).build());
    }

    private CanonicalJson() {
    }

    /** A mapper that reads JSON the way canonicalization needs (numbers kept exact). */
    public static ObjectMapper reader() {
        return READER;
    }

    public static JsonNode parse(String json) {
        try {
            return READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static byte[] canonicalize(JsonNode node) {
        return canonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String canonicalString(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                names.add(fields.next().getKey());
            }
            // String.compareTo compares UTF-16 code units, exactly the order RFC 8785 section 3.2.3 prescribes.
            names.sort(String::compareTo);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isNumber()) {
            number(node.decimalValue(), out);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void number(BigDecimal value, StringBuilder out) {
        double d = value.doubleValue();
        if (Double.isInfinite(d)) {
            string(value.toPlainString(), out);
            return;
        }
        try {
            out.append(NumberToJSON.serializeNumber(d));
        } catch (IOException e) {
            throw new IllegalStateException("a finite double has an ECMAScript form", e);
        }
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        int plain = 0;
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        // Most strings need no escape at all: copied whole (append(String) copies the array; a range is copied
        // character by character), the rest character by character.
        if (plain == s.length()) {
            out.append(s).append('"');
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
