package io.auditlog.analytics.support;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.common.feed.FeedPosition;

/**
 * The consumer's progress as the services expose it: the analytics-service's status (its stored feed position and
 * events applied), the audit feed's head, and the metrics. Waits end on these counts, never on a fixed window for a
 * whole replay: a wait fails only when the consumer stops making progress.
 */
public final class Rollups {

    /** How long the consumer may go without applying a single event before a wait gives up. */
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<FeedPosition> FEED_ORDER = Comparator
            .comparing((FeedPosition p) -> Long.parseUnsignedLong(p.txId()), Long::compareUnsigned)
            .thenComparingLong(FeedPosition::seq);

    private Rollups() {
    }

    /** The consumer's status: {@code position}, {@code eventsApplied}, {@code updatedAt}. */
    public static JsonNode status() {
        return given().auth().oauth2(Audit.operator()).get("/internal/v1/analytics/status").then().statusCode(200)
                .extract().as(JsonNode.class);
    }

    /** The feed's events after {@code after} ('' for the start) and the position after the last of them. */
    public record FeedTail(long events, String head) {
    }

    /** Reads the audit feed from {@code after} to its current end, as the consumer would. */
    public static FeedTail feedAfter(String after) throws Exception {
        String position = after;
        long events = 0;
        while (true) {
            String url = Audit.url() + "/internal/v1/feed?limit=1000"
                    + (position.isEmpty() ? "" : "&after=" + URLEncoder.encode(position, StandardCharsets.UTF_8));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + Audit.token("feed-reader", null, "audit-feed")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("the feed answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode page = JSON.readTree(response.body());
            int size = page.path("items").size();
            if (size == 0) {
                return new FeedTail(events, position);
            }
            events += size;
            position = page.path("next").asText();
        }
    }

    /**
     * The feed after {@code after} once it holds at least {@code events} events: the feed holds back events while an
     * older write transaction is still open, so what was just sent may take a moment to appear.
     */
    public static FeedTail awaitFeed(String after, long events) throws Exception {
        long deadline = System.nanoTime() + STALL.toNanos();
        FeedTail tail = feedAfter(after);
        while (tail.events() < events && System.nanoTime() < deadline) {
            Thread.sleep(100);
            tail = feedAfter(after);
        }
        return tail;
    }

    /** Waits until the consumer's stored position is at or past {@code head}; answers the status then. */
    public static JsonNode awaitPosition(String head) throws Exception {
        return awaitStatus(status -> !before(status.path("position").asText(), head),
                "the consumer's position reaching " + head);
    }

    /** Waits until {@code reached} holds for the status, failing only if no event is applied for a while. */
    public static JsonNode awaitStatus(Predicate<JsonNode> reached, String what) throws Exception {
        JsonNode status = status();
        long progressAt = System.nanoTime();
        long applied = status.path("eventsApplied").asLong();
        while (!reached.test(status)) {
            if (System.nanoTime() - progressAt > STALL.toNanos()) {
                throw new AssertionError("no progress for " + STALL + " waiting for " + what + "; last status " + status);
            }
            Thread.sleep(100);
            status = status();
            long now = status.path("eventsApplied").asLong();
            if (now != applied) {
                applied = now;
                progressAt = System.nanoTime();
            }
        }
        return status;
    }

    /** Whether feed position {@code a} comes before {@code b} ('' is the start of the feed). */
    static boolean before(String a, String b) {
        return FEED_ORDER.compare(decode(a), decode(b)) < 0;
    }

    private static FeedPosition decode(String position) {
        return position.isEmpty() ? FeedPosition.START : FeedPosition.decode(position)
                .orElseThrow(() -> new AssertionError("not a feed position: " + position));
    }

    /** A metric's value in /q/metrics (Prometheus text), the sample without labels or the sum over its labels. */
    public static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError(name + " is not in /q/metrics");
        }
        return sum;
    }
}
