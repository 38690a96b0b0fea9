package io.auditlog.common.problem;

import java.util.List;

/**
 * A request the service refuses, with what the caller needs to fix it. Thrown anywhere below a resource; the
 * {@link ProblemMappers} turn it into a problem+json response.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldProblem> errors;

    public ProblemException(int status, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badRequest(String field, String reason) {
        return invalid(List.of(new FieldProblem(field, reason)));
    }

    public static ProblemException invalid(List<FieldProblem> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid, first " + errors.get(0).field() + ": " + errors.get(0).reason();
        return new ProblemException(400, "Invalid request", detail, errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
