package io.auditlog.audit.service;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.FieldProblem;

/**
 * The field rules of a sent event, written out: they run for every event of every batch, and spelled out they
 * cost a fraction of a reflective validator's time on the ingest path. Every text is checked with
 * {@link TextInput}: identifiers and codes are single lines, names, paths and metadata values free text (unless
 * the body's bytes showed that no string of it can fail those checks: {@code checkText} false).
 */
final class FieldChecks {

    /**
     * Integer digits and decimal places a metadata number may have: beyond any double (1.8e308, 4.9e-324), which
     * covers what JSON producers send. jsonb would take more (131072 and 16383), but "1e131071" is 8 bytes sent and
     * 131 KB stored, and "1e999999" failed the insert (500).
     */
    private static final int MAX_INTEGER_DIGITS = 309;
    private static final int MAX_DECIMAL_PLACES = 340;

    private final int index;
    private final boolean batch;
    private final boolean checkText;
    private final List<FieldProblem> problems;

    /**
     * The checks of event {@code index} of a batch ({@code events[index].field}) or of a single event
     * ({@code field}); the prefix is written only for a problem, not for each of a thousand valid events.
     */
    FieldChecks(int index, boolean batch, boolean checkText, List<FieldProblem> problems) {
        this.index = index;
        this.batch = batch;
        this.checkText = checkText;
        this.problems = problems;
    }

    /** The field paths' prefix: {@code events[i].} in a batch, nothing for a single event. */
    private String prefix() {
        return batch ? "events[" + index + "]." : "";
    }

    /**
     * An event id: the shape every id of the log has, so an id can be named in a URL and a CSV cell as it is:
     * {@code [A-Za-z0-9._:-]{1,128}}, checked by hand (a regular expression's matcher per event was a visible part
     * of ingest).
     */
    static boolean isEventId(String value) {
        if (value == null || value.isEmpty() || value.length() > 128) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [^@\s]+@[^@\s]+}: one '@' with text on both sides, and none of the regex's white space. */
    static boolean isEmail(String value) {
        int at = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                return false;
            }
        }
        return at > 0 && at < value.length() - 1;
    }

    void id(String field, String value) {
        if (value != null && !isEventId(value)) {
            fail(field, "must be 1 to 128 letters, digits or . _ : -");
        }
    }

    void required(String field, Object value) {
        if (value == null) {
            fail(field, "is required");
        }
    }

    /** A required code or identifier; false when it is missing or unusable (so later checks can skip it). */
    boolean requiredSingleLine(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
            return false;
        }
        return singleLine(field, value, max);
    }

    /** An optional code or identifier: no control character at all. */
    boolean singleLine(String field, String value, int max) {
        return text(field, value, max, checkText ? TextInput.singleLineProblem(value) : null);
    }

    /** An optional name or path: tabs and line breaks kept, other control characters, NUL and lone surrogates not. */
    boolean freeText(String field, String value, int max) {
        return text(field, value, max, checkText ? TextInput.freeTextProblem(value) : null);
    }

    private boolean text(String field, String value, int max, String problem) {
        if (value == null) {
            return true;
        }
        if (value.length() > max) {
            fail(field, "must be at most " + max + " characters");
            return false;
        }
        if (problem != null) {
            fail(field, problem);
            return false;
        }
        return true;
    }

    void email(String field, String value) {
        if (singleLine(field, value, 320) && value != null && !isEmail(value)) {
            fail(field, "must be an email address");
        }
    }

    void singleLines(String field, List<String> values, int maxCount, int maxLength) {
        if (values == null) {
            return;
        }
        if (values.size() > maxCount) {
            fail(field, "must hold at most " + maxCount + " values");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                fail(field + "[" + i + "]", "must not be blank");
            } else if (value.length() > maxLength || checkText && TextInput.singleLineProblem(value) != null) {
                singleLine(field + "[" + i + "]", value, maxLength); // the path is written only for a problem
            }
        }
    }

    /**
     * Every key (a single line) and string value (free text) of the metadata at any depth, each problem named by
     * its JSON path ({@code details.before.name}, {@code details.items[2]}, {@code details["a.b"]}), and every
     * number within what jsonb stores.
     */
    void details(String field, JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> entry = fields.next();
                String keyProblem = checkText ? TextInput.singleLineProblem(entry.getKey()) : null;
                if (keyProblem != null) {
                    fail(member(field, entry.getKey()), "key " + keyProblem);
                }
                JsonNode value = entry.getValue();
                if (value.isContainerNode()) {
                    details(member(field, entry.getKey()), value);
                } else {
                    String problem = scalarProblem(value, checkText);
                    if (problem != null) {
                        fail(member(field, entry.getKey()), problem);
                    }
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode value = node.get(i);
                if (value.isContainerNode()) {
                    details(field + "[" + i + "]", value);
                } else {
                    String problem = scalarProblem(value, checkText);
                    if (problem != null) {
                        fail(field + "[" + i + "]", problem);
                    }
                }
            }
        }
    }

    /** Why a metadata string or number cannot be stored, or null (paths are built only for a problem). */
    private static String scalarProblem(JsonNode value, boolean checkText) {
        if (value.isTextual()) {
            return checkText ? TextInput.freeTextProblem(value.textValue()) : null;
        }
        if (value.isBigDecimal()) {
            BigDecimal number = value.decimalValue();
            if (number.precision() - number.scale() > MAX_INTEGER_DIGITS || number.scale() > MAX_DECIMAL_PLACES) {
                return "must be a number of at most " + MAX_INTEGER_DIGITS + " integer digits and "
                        + MAX_DECIMAL_PLACES + " decimal places";
            }
        }
        return null;
    }

    /** {@code parent.key}, or {@code parent["key"]} when the key is not a plain name, control characters escaped. */
    private static String member(String parent, String key) {
        if (isPlain(key)) {
            return parent + "." + key;
        }
        StringBuilder path = new StringBuilder(parent.length() + key.length() + 4).append(parent).append("[\"");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"' || c == '\\') {
                path.append('\\').append(c);
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)) {
                path.append(String.format("\\u%04x", (int) c));
            } else {
                path.append(c);
            }
        }
        return path.append("\"]").toString();
    }

    private static boolean isPlain(String key) {
        if (key.isEmpty() || (key.charAt(0) >= '0' && key.charAt(0) <= '9')) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    void fail(String field, String reason) {
        problems.add(new FieldProblem(prefix() + field, reason));
    }
}
