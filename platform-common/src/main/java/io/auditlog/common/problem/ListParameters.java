package io.auditlog.common.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The audit log's list query parameters, as the log reads them: repeated, or comma-separated where the log splits
 * them; trimmed, empty parts dropped, duplicates removed; at most 50 values of at most 256 characters. Services that
 * link into the log (analytics) read them the same way, so a link means what the log will do with it.
 */
public final class ListParameters {

    public static final int MAX_VALUES = 50;
    public static final int MAX_VALUE_LENGTH = 256;

    private ListParameters() {
    }

    /** The values of parameter {@code name}; a problem is added (and nothing answered) when there are too many. */
    public static List<String> values(String name, List<String> raw, boolean commaSeparated,
            List<FieldProblem> problems) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String value : raw) {
            List<String> parts = commaSeparated ? Arrays.asList(value.split(",")) : List.of(value);
            parts.stream().map(String::trim).filter(v -> !v.isEmpty()).forEach(values::add);
        }
        if (values.size() > MAX_VALUES) {
            problems.add(new FieldProblem(name, "at most " + MAX_VALUES + " values"));
            return List.of();
        }
        if (values.stream().anyMatch(v -> v.length() > MAX_VALUE_LENGTH)) {
            problems.add(new FieldProblem(name, "values must be at most " + MAX_VALUE_LENGTH + " characters"));
            return List.of();
        }
        return values.stream().distinct().toList();
    }
}
