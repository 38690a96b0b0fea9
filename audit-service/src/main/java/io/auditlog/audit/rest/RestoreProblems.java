package io.auditlog.audit.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.auditlog.audit.service.RestoreRefusedException;
import io.auditlog.common.problem.ProblemDetail;

/**
 * The 409 of a restore that cannot be done: the platform's problem details plus the extension member
 * {@code reason} (RFC 9457 section 3.2), which a console switches on. The more specific mapper wins over the
 * platform's one for {@code ProblemException}.
 */
public class RestoreProblems {

    @ServerExceptionMapper
    public Response refused(RestoreRefusedException e, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("instance", uri == null ? null : uri.getPath());
        body.put("reason", e.reason().name());
        return Response.status(e.status()).type(ProblemDetail.MEDIA_TYPE).entity(body).build();
    }
}
