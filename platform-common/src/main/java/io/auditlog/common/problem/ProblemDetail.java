package io.auditlog.common.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem details body, with the offending fields listed under {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetail(String type, String title, int status, String detail, String instance,
        List<FieldProblem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
