package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Tokens whose account claim is almost, but not exactly, the account id of an account with a completed report:
 * quoted, with a NUL, with a space, or not a string at all. Every endpoint answers 401 problem+json and shows
 * nothing of that account; nothing is stored or deleted. (Normalising the claim, as the service once did, read
 * the account whose id the claim resembled.)
 */
@QuarkusTest
class ForgedAccountClaimTest {

    private static String account;
    private static String job;

    @Inject
    AgroalDataSource database;

    /** Each endpoint as a request with a given token. */
    enum Endpoint {
        REQUEST_EXPORT(token -> given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("type", "audit-log")).post("/api/v1/exports")),
        LIST_EXPORTS(token -> given().auth().oauth2(token).get("/api/v1/exports")),
        GET_EXPORT(token -> given().auth().oauth2(token).get("/api/v1/exports/" + job)),
        DOWNLOAD_FILE(token -> given().auth().oauth2(token).get("/api/v1/exports/" + job + "/files/1")),
        DELETE_EXPORT(token -> given().auth().oauth2(token).delete("/api/v1/exports/" + job)),
        READY_FEED(token -> given().auth().oauth2(token).queryParam("limit", 1000).get("/internal/v1/export-ready"));

        final Function<String, Response> send;

        Endpoint(Function<String, Response> send) {
            this.send = send;
        }

        /** The roles a caller of this endpoint has; only the account claim is wrong. */
        List<String> roles() {
            return this == READY_FEED ? List.of("audit-feed") : List.of("audit-admin");
        }
    }

    static Stream<Arguments> forgeries() {
        List<Arguments> all = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (String claim : List.of("trailing quote", "quoted", "NUL", "leading space", "number", "array")) {
                all.add(Arguments.of(endpoint, claim));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} with an account claim {1}")
    @MethodSource("forgeries")
    void aClaimThatIsNotExactlyAnAccountIdIsRefused(Endpoint endpoint, String claim) throws Exception {
        ensureAccountWithAReport();
        long jobsBefore = jobsOf(account);

        Response answer = endpoint.send.apply(token(endpoint, claim));

        answer.then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body(not(containsString(account))).body(not(containsString("rowsWritten")))
                .body(not(containsString("Event ID")));
        assertEquals(jobsBefore, jobsOf(account), "nothing stored in the account");
        assertEquals("COMPLETED", Exports.job(account, job).getString("status"), "nothing deleted");
    }

    private static String token(Endpoint endpoint, String claim) {
        Object value = switch (claim) {
            case "trailing quote" -> account + "\"";
            case "quoted" -> "\"" + account + "\"";
            case "NUL" -> account + "\u0000";
            case "leading space" -> " " + account;
            case "number" -> 42;
            case "array" -> List.of(account);
            default -> throw new IllegalArgumentException(claim);
        };
        return LocalPlatformTestResource.identity().token("admin-" + account, null, endpoint.roles(),
                Duration.ofMinutes(10), Map.of("account_id", value, "email", "admin@" + account + ".example"));
    }

    private static synchronized void ensureAccountWithAReport() throws Exception {
        if (account == null) {
            String[] made = Exports.accountWithCompletedReport("f-1");
            account = made[0];
            job = made[1];
        }
    }

    private long jobsOf(String accountId) throws Exception {
        return Exports.jobCount(database, accountId);
    }
}
