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

    /** The most digits a number beyond a double's range may have when written out in full. */
    static final int MAX_PLAIN_DIGITS = 200_000;

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
            // 1e999999999 is a short text with a billion digits written out: refused. PostgreSQL's numeric, which
            // stores the events' numbers, holds at most 131,072 digits before the point, so no stored event is.
            if ((long) value.precision() - value.scale() > MAX_PLAIN_DIGITS) {
                throw new IllegalArgumentException("a number with more than " + MAX_PLAIN_DIGITS
                        + " digits before its point");
            }
            string(value.toPlainString(), out);
            return;
        }
        try {
            out.append(NumberToJSON.serializeNumber(d));
        } catch (IOException e) {
            throw new IllegalStateException("a finite double has an ECMAScript form", e);
        } catch (ArithmeticException e) {
            // erdtman's dtoa overflows a BigInteger on some subnormal doubles (1e-314): such a number in an event's
            // details stopped the sealer for every account. Written here instead, by ECMAScript's own definition.
            out.append(ecmaScript(d));
        }
    }

    /**
     * ECMAScript's Number::toString of a finite double (ECMA-262 6.1.6.1.20), from its definition: the fewest
     * significant digits that read back as the same double (the nearest such, ties to even), then the layout by
     * the decimal exponent. Slower than erdtman's serializer; used where that fails.
     */
    static String ecmaScript(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        search: for (int digits = 1; digits <= 17; digits++) {
            // The nearest decimal of this many digits; failing that, the one on the other side of d, which can
            // still read back as d where the double's rounding interval is wider on that side (at a power of two).
            for (java.math.RoundingMode mode : new java.math.RoundingMode[] { java.math.RoundingMode.HALF_EVEN,
                    java.math.RoundingMode.DOWN, java.math.RoundingMode.UP }) {
                BigDecimal candidate = exact.round(new java.math.MathContext(digits, mode));
                if (candidate.doubleValue() == d) {
                    shortest = candidate;
                    break search;
                }
            }
        }
        shortest = shortest.stripTrailingZeros();
        String s = shortest.unscaledValue().abs().toString();
        int k = s.length();
        int n = k - shortest.scale(); // the value is s x 10^(n - k)
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (k <= n && n <= 21) {
            out.append(s).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(s);
        } else {
            out.append(s.charAt(0));
            if (k > 1) {
                out.append('.').append(s, 1, k);
            }
            out.append('e').append(n - 1 >= 0 ? '+' : '-').append(Math.abs(n - 1));
        }
        return out.toString();
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
