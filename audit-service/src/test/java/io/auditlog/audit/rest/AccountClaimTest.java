package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.ids;
import static io.auditlog.audit.support.Api.record;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.auditlog.common.tenancy.Roles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A signed token whose account claim is not exactly an account id ({@code acct-x"}, {@code "acct-x"}, NUL, a
 * leading space, a number, an array) is refused with 401 on every endpoint, and nothing of account acct-x leaks
 * or changes: the claim is never normalised into a real account's id.
 */
@QuarkusTest
class AccountClaimTest {

    /** A call to one endpoint with a token of {@code claim}, against the data of {@code account}. */
    record Endpoint(String name, String role, Function<Call, Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Call(String token, String account, String eventId) {
    }

    static Stream<Arguments> cases() {
        List<Endpoint> endpoints = List.of(
                new Endpoint("ingest", Roles.INGEST, c -> as(c.token()).body(Events.login("forged-" + c.eventId(), 1,
                        true)).post("/api/v1/events")),
                new Endpoint("search", Roles.ADMIN, c -> as(c.token()).get("/api/v1/events")),
                new Endpoint("event by id", Roles.ADMIN, c -> as(c.token()).get("/api/v1/events/" + c.eventId())),
                new Endpoint("export", Roles.ADMIN, c -> as(c.token()).get("/api/v1/events/export")),
                new Endpoint("export as service client", Roles.EXPORT, c -> as(c.token())
                        .queryParam("account", c.account()).get("/api/v1/events/export")),
                new Endpoint("catalog", Roles.ADMIN, c -> as(c.token()).get("/api/v1/catalog")),
                new Endpoint("account", Roles.ADMIN, c -> as(c.token()).get("/api/v1/account")),
                new Endpoint("plan", Roles.OPERATOR, c -> as(c.token()).body(Map.of("plan", "STARTER"))
                        .put("/internal/v1/accounts/" + c.account() + "/plan")),
                new Endpoint("feed", Roles.FEED, c -> as(c.token()).queryParam("limit", "1000")
                        .get("/internal/v1/feed")));
        List<String> claims = List.of("quote after", "quoted", "NUL", "leading space", "number", "array");
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (String claim : claims) {
                cases.add(Arguments.of(endpoint, claim));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with an account claim {1}")
    @MethodSource("cases")
    void aClaimThatIsNotExactlyAnAccountIdIsRefused(Endpoint endpoint, String claimKind) {
        String account = Events.newAccount();
        String eventId = "secret-" + UUID.randomUUID();
        String secret = "Secret Name " + UUID.randomUUID();
        Map<String, Object> event = Events.login(eventId, 1, true);
        event.put("actor", Events.actor("u-secret", "secret@example.com", secret, List.of()));
        record(account, List.of(event));
        Object claim = switch (claimKind) {
            case "quote after" -> account + "\"";
            case "quoted" -> "\"" + account + "\"";
            case "NUL" -> account + "\u0000";
            case "leading space" -> " " + account;
            case "number" -> 42;
            case "array" -> List.of(account);
            default -> throw new IllegalArgumentException(claimKind);
        };

        Response response = endpoint.call().apply(new Call(Tokens.withAccountClaim(claim, endpoint.role()), account,
                eventId));

        response.then().statusCode(401).contentType("application/problem+json");
        // (the event id itself may come back: the by-id request names it in its path, the problem's instance)
        assertFalse(response.asString().contains(secret), "nothing of the account leaks");
        assertEquals(List.of(eventId), ids(account, Map.of()), "the account's log is unchanged");
        as(Tokens.admin(account)).get("/api/v1/account").then().body("plan", equalTo("ENTERPRISE"))
                .body("planSource", equalTo("DEFAULT"));
    }
}
