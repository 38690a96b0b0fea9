package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No query parameter of the audit-service can carry NUL or another control character: the platform's
 * ParameterFilter refuses them for every endpoint before any parameter is read, with the parameter named. The
 * service's own parsers (EventSearchParser, the export's format) rely on it and no longer check for them: this test
 * holds every parameter they read to it, the log query's ones taken from {@link LogQueryParams} itself so that a new
 * one is covered too.
 */
@QuarkusTest
class ParameterCharactersTest {

    record Case(String endpoint, String parameter, String value, String reason) {
        @Override
        public String toString() {
            return endpoint + " " + parameter + "=" + value.replace("\u0000", "\\u0000").replace("\u0007", "\\u0007")
                    .replace("\n", "\\n");
        }
    }

    static Stream<Case> cases() {
        List<String> logQuery = Arrays.stream(LogQueryParams.class.getFields()).map(Field::getName).toList();
        List<Case> cases = new ArrayList<>();
        for (String endpoint : List.of("/api/v1/events", "/api/v1/events/export")) {
            List<String> parameters = new ArrayList<>(logQuery);
            if (endpoint.endsWith("export")) {
                parameters.addAll(List.of("format", "layout", "account"));
            }
            for (String parameter : parameters) {
                cases.add(new Case(endpoint, parameter, "LOGIN\u0000", "NUL"));
                cases.add(new Case(endpoint, parameter, "\u0007", "control characters"));
                cases.add(new Case(endpoint, parameter, "2026-11-20T00:00:00Z\n", "control characters"));
            }
        }
        for (String parameter : List.of("after", "limit")) {
            cases.add(new Case("/internal/v1/feed", parameter, "5\u0000", "NUL"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedNamingTheParameter(Case c) {
        String token = c.endpoint().startsWith("/internal") ? Tokens.feed() : Tokens.admin(Events.newAccount());
        as(token).queryParam(c.parameter(), c.value()).get(c.endpoint()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(c.parameter()))
                .body("errors[0].reason", containsString(c.reason()));
    }
}
