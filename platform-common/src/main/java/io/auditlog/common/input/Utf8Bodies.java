package io.auditlog.common.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import io.auditlog.common.problem.ProblemException;

/**
 * Refuses a request body that is not well-formed UTF-8 before it is parsed. Jackson decodes some ill-formed
 * sequences into other characters (an overlong {@code C0 AF} becomes {@code /}, {@code ED A0 80} a lone surrogate),
 * so a body could store text that its sender never wrote; JSON must be UTF-8 (RFC 8259), so this is a 400.
 * Endpoints that take a {@code byte[]} body check it themselves with {@link Utf8}.
 */
@Provider
public class Utf8Bodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        if (context.getType() == byte[].class) {
            // An endpoint that takes the raw bytes parses them itself (the audit-service's ingest, a hot path that
            // checks UTF-8 on the same bytes it parses); copying them here first would only double the work.
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        int invalid = Utf8.firstInvalid(body, 0, body.length);
        if (invalid >= 0) {
            throw ProblemException.badRequest("body", "is not well-formed UTF-8 (byte offset " + invalid + ")");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
