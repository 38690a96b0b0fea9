package io.auditlog.common.input;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.problem.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses, for every endpoint of every service, query and path parameters that no filter, id or code can hold: NUL
 * (PostgreSQL text cannot store or compare it), other control characters, and percent-encoded bytes that are not
 * well-formed UTF-8 (the URI decoder would turn them into U+FFFD and the request would quietly mean something else).
 * Each answers 400 naming the parameter, before the endpoint reads it.
 */
public class ParameterFilter {

    @ServerRequestFilter
    public Optional<Response> check(HttpServerRequest request, UriInfo uri) {
        List<FieldProblem> problems = new ArrayList<>();
        String rawQuery = request.query();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String name = decode(rawName);
                String field = name == null || TextInput.singleLineProblem(name) != null ? "query" : name;
                if (name == null) {
                    problems.add(new FieldProblem(field, "a parameter name is not well-formed percent-encoded UTF-8"));
                    continue;
                }
                TextInput.checkSingleLine(field, name, problems);
                if (eq >= 0) {
                    String value = decode(pair.substring(eq + 1));
                    if (value == null) {
                        problems.add(new FieldProblem(field, "must be well-formed percent-encoded UTF-8"));
                    } else {
                        TextInput.checkSingleLine(field, value, problems);
                    }
                }
            }
        }
        if (decodePath(request.path()) == null) {
            problems.add(new FieldProblem("path", "must be well-formed percent-encoded UTF-8"));
        } else {
            MultivaluedMap<String, String> pathParameters = uri.getPathParameters(true);
            for (Map.Entry<String, List<String>> parameter : pathParameters.entrySet()) {
                for (String value : parameter.getValue()) {
                    TextInput.checkSingleLine(parameter.getKey(), value, problems);
                }
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ProblemMappers.toResponse(ProblemException.invalid(dedupe(problems)), uri));
    }

    private static List<FieldProblem> dedupe(List<FieldProblem> problems) {
        return problems.stream().distinct().limit(20).toList();
    }

    private static String decodePath(String rawPath) {
        return rawPath == null ? "" : decode(rawPath, false);
    }

    private static String decode(String raw) {
        return decode(raw, true);
    }

    /** Percent-decodes strictly: a bad escape or bytes that are not UTF-8 give null. */
    private static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        byte[] decoded = bytes.toByteArray();
        return Utf8.firstInvalid(decoded, 0, decoded.length) < 0 ? new String(decoded, StandardCharsets.UTF_8) : null;
    }
}
