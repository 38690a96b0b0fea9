package io.auditlog.common.problem;

/** One thing wrong with the input: the field (as a JSON path, e.g. {@code events[3].actor.email}) and why. */
public record FieldProblem(String field, String reason) {
}
