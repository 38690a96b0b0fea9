package io.auditlog.analytics.support;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/** The analytics API as the console calls it, and waiting for the rollups to catch up with the feed. */
public final class Analytics {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private Analytics() {
    }

    public static Response get(String token, String path, Map<String, ?> params) {
        return given().auth().oauth2(token).queryParams(params).get("/api/v1/analytics/" + path);
    }

    /** The answer once {@code ready} holds for it (the consumer applies the feed in the background). */
    public static JsonNode await(String account, String path, Map<String, ?> params, Predicate<JsonNode> ready)
            throws Exception {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        JsonNode answer;
        do {
            Response response = get(Audit.admin(account), path, params);
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.asString());
            }
            answer = JSON.readTree(response.asString());
            if (ready.test(answer)) {
                return answer;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the rollups did not reach the expected state within " + CATCH_UP + "; last answer "
                + answer);
    }

    /** The sum of a summary total or series total, as a readiness check. */
    public static long total(JsonNode summary, String measure) {
        return summary.path("totals").path(measure).path("count").asLong();
    }
}
