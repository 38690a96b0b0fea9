package io.auditlog.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.auditlog.console.support.StubServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The console as the browser's one origin: each /api/v1 path reaches its service, and nothing else does. */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
class ApiForwardingTest {

    @TestHTTPResource("/")
    URL console;

    @ConfigProperty(name = "stub.control.url")
    String control;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @CsvSource({
            "/api/v1/events, audit", "/api/v1/events/abc?limit=5, audit", "/api/v1/catalog, audit",
            "/api/v1/account, audit", "/api/v1/views/x, audit", "/api/v1/people?q=an, audit", "/api/v1/integrity/tree-heads, audit", "/api/v1/exports/42/files/1, export",
            // What the console's integrity checks fetch (issue #16): proofs and keys, report manifests and proof files.
            "/api/v1/events/abc/proof?treeSize=3, audit", "/api/v1/integrity/keys, audit",
            "/api/v1/exports/42/manifest, export", "/api/v1/exports/42/proof, export",
            "/api/v1/notifications, notification", "/api/v1/notification-settings, notification",
            "/api/v1/analytics/summary?from=2026-01-01, analytics" })
    void eachPrefixReachesItsService(String uri, String service) {
        given().get(uri).then().statusCode(200)
                .body("service", equalTo(service))
                .body("uri", equalTo(uri));
    }

    @Test
    void methodBodyHeadersAndStatusAreKept() {
        JsonPath echo = given()
                .header("Authorization", "Bearer a.b.c")
                .header("Accept", "application/json")
                .header("X-Stub-Status", "201")
                .header("X-Stub-Reply-Location", "/api/v1/exports/7")
                .header("X-Stub-Reply-Retry-After", "3")
                .header("X-Stub-Reply-WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .header("X-Stub-Reply-Content-Disposition", "attachment; filename=\"report.csv\"")
                .contentType("application/json")
                .body("{\"format\":\"CSV\"}")
                .put("/api/v1/exports?x=1")
                .then().statusCode(201)
                .header("Location", "/api/v1/exports/7")
                .header("Retry-After", "3")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .header("Content-Disposition", "attachment; filename=\"report.csv\"")
                .header("Content-Type", startsWith("application/json"))
                .extract().jsonPath();
        assertThat(echo.getString("method"), is("PUT"));
        assertThat(echo.getString("uri"), is("/api/v1/exports?x=1"));
        assertThat(echo.getString("body"), is("{\"format\":\"CSV\"}"));
        assertThat(echo.getString("headers.authorization"), is("Bearer a.b.c"));
        assertThat(echo.getString("headers.accept"), is("application/json"));
        assertThat(echo.getString("headers.content-type"), startsWith("application/json"));
        // The service is asked under its own name; who asked, and how, is in X-Forwarded-*.
        assertThat(echo.getString("headers.host"), not(containsString(String.valueOf(console.getPort()))));
        assertThat(echo.getString("headers.x-forwarded-for"), is("127.0.0.1"));
        assertThat(echo.getString("headers.x-forwarded-proto"), is("http"));
        assertThat(echo.getString("headers.x-forwarded-host"), is("localhost:" + console.getPort()));
        assertThat(echo.getString("headers.x-forwarded-port"), is(String.valueOf(console.getPort())));
    }

    @Test
    void anErrorStatusOfTheServiceIsPassedOnAsItIs() {
        given().header("X-Stub-Status", "409").delete("/api/v1/notifications/3")
                .then().statusCode(409).body("service", equalTo("notification")).body("method", equalTo("DELETE"));
    }

    @Test
    void aDownloadStreamsItsFirstBytesBeforeTheServiceHasFinished() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(console.toURI()
                .resolve("/api/v1/exports/9/files/1/held")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode(), is(200));
        try (InputStream body = response.body()) {
            // The service is still holding the end of the body: these bytes can only have come through unbuffered.
            byte[] first = body.readNBytes(1024);
            assertThat(new String(first, StandardCharsets.UTF_8), startsWith("first line\n"));
            http.send(HttpRequest.newBuilder(URI.create(control + "/release")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8), endsWith("last line\n"));
        }
    }

    @Test
    void aLargeDownloadPassesThroughWhole() throws Exception {
        long size = 64L * 1024 * 1024 + 17;
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(console.toURI()
                .resolve("/api/v1/exports/9/files/2/large?bytes=" + size)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode(), is(200));
        try (InputStream body = response.body()) {
            assertThat(body.transferTo(OutputStream.nullOutputStream()), is(size));
        }
    }

    @Test
    void aLargeUploadPassesThroughWhole() throws Exception {
        byte[] payload = new byte[8 * 1024 * 1024 + 3];
        new Random(14).nextBytes(payload);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(console.toURI()
                .resolve("/api/v1/events/upload")).POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode(), is(200));
        JsonPath echo = JsonPath.from(response.body());
        assertThat(echo.getLong("bytes"), is((long) payload.length));
        assertThat(echo.getString("sha256"),
                is(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload))));
    }

    @Test
    void aServiceThatIsDownIsABadGatewayProblem() throws Exception {
        control("/analytics/down");
        try {
            given().get("/api/v1/analytics/summary").then().statusCode(502)
                    .contentType("application/problem+json")
                    .body("status", equalTo(502))
                    .body("title", equalTo("Bad Gateway"))
                    .body("detail", containsString("analytics-service"))
                    .body("instance", equalTo("/api/v1/analytics/summary"));
        } finally {
            control("/analytics/up");
        }
        given().get("/api/v1/analytics/summary").then().statusCode(200).body("service", equalTo("analytics"));
    }

    @ParameterizedTest
    @CsvSource({ "/api", "/api/", "/api/v1", "/api/v1/", "/api/v1/unknown", "/api/v2/events",
            "/api/v1/notifications-x", "/api/v1/eventsx/1", "/api/anything/else" })
    void anyOtherApiPathIsANotFoundProblem(String path) {
        given().get(path).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("instance", equalTo(path))
                .body(not(containsString("<html")));
    }

    @Test
    void internalPathsAreNeverForwarded() throws Exception {
        for (String path : List.of("/internal/feed", "/internal/v1/events", "/internal")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json");
            given().post(path).then().statusCode(404).contentType("application/problem+json");
        }
        String seen = http.send(HttpRequest.newBuilder(URI.create(control + "/seen")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(seen, not(containsString("/internal")));
    }

    @Test
    void aPathNotInNormalFormIsRefusedNotForwardedElsewhere() throws Exception {
        String answer = raw("GET /api/v1/events/../../../internal/feed HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer, startsWith("HTTP/1.1 "));
        assertThat(answer.substring(9, 12), is(oneOf("400", "404")));
        assertThat(answer, containsString("application/problem+json"));
        String seen = http.send(HttpRequest.newBuilder(URI.create(control + "/seen")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(seen, not(containsString("internal")));
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(console.getHost(), console.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void control(String path) throws Exception {
        CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(HttpRequest.newBuilder(
                URI.create(control + path)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.get(30, TimeUnit.SECONDS).statusCode(),
                both(greaterThanOrEqualTo(200)).and(lessThanOrEqualTo(204)));
    }
}
