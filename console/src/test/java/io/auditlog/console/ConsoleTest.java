package io.auditlog.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.auditlog.console.support.StubServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** What the console serves itself: the SPA with its deep links, its runtime settings, and the headers of each. */
@QuarkusTest
@QuarkusTestResource(StubServices.class)
class ConsoleTest {

    private static final String PROVIDER = "https://login.example.test:8443";
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self' " + PROVIDER + "; frame-src "
            + PROVIDER + "; frame-ancestors 'none'; base-uri 'self'; form-action 'self' " + PROVIDER
            + "; object-src 'none'";

    @Test
    void theRuntimeSettingsComeFromConfiguration() {
        given().get("/config.json").then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("authority", equalTo(PROVIDER + "/realms/audit-platform"))
                .body("clientId", equalTo("audit-console-test"));
    }

    @Test
    void theRootIsTheSpa() {
        given().get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Cache-Control", "no-cache")
                .body(containsString("<div id=\"root\""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/log", "/log/01J0000000000000000000000", "/reports/abc", "/settings", "/analyze",
            "/log?category=LOGIN&from=2026-01-01" })
    void aDeepLinkReloadsTheSpa(String path) {
        String index = given().get("/").then().extract().asString();
        given().get(path).then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Cache-Control", "no-cache")
                .body(equalTo(index));
    }

    @Test
    void hashedAssetsAreKeptForAYearAndAMissingOneIsNoPage() {
        String index = given().get("/").then().extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat("index.html loads a script from /assets", script.find(), is(true));
        given().get(script.group(1)).then().statusCode(200)
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .contentType(containsString("javascript"));
        // Not the SPA's index.html served as JavaScript: a plain 404.
        given().get("/assets/no-such-file-1234.js").then().statusCode(404)
                .body(not(containsString("<div id=\"root\"")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/log/abc", "/config.json", "/api/v1/catalog", "/api/v1/nope", "/internal/x",
            "/q/health/live" })
    void everyResponseCarriesTheSecurityHeaders(String path) {
        Response response = given().get(path);
        assertThat(path, response.header("Content-Security-Policy"), equalTo(POLICY));
        assertThat(path, response.header("X-Content-Type-Options"), equalTo("nosniff"));
        assertThat(path, response.header("Referrer-Policy"), equalTo("strict-origin-when-cross-origin"));
        assertThat(path, response.header("X-Frame-Options"), equalTo("DENY"));
        // Plain HTTP, no proxy in front: HSTS would be ignored, and is not sent.
        assertThat(path, response.header("Strict-Transport-Security"), nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/log/abc", "/config.json", "/api/v1/catalog" })
    void behindATlsProxyHstsIsSent(String path) {
        given().header("X-Forwarded-Proto", "https").get(path).then()
                .header("Strict-Transport-Security", "max-age=31536000")
                .header("Content-Security-Policy", notNullValue());
        given().header("X-Forwarded-Proto", "http").get(path).then()
                .header("Strict-Transport-Security", nullValue());
    }

    @Test
    void aForwardedHttpsRequestReachesTheServiceAsHttps() {
        given().header("X-Forwarded-Proto", "https").get("/api/v1/catalog").then().statusCode(200)
                .body("headers.x-forwarded-proto", equalTo("https"));
    }

    @Test
    void theHealthChecksAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "X-Forwarded-For", "X-Forwarded-Proto", "Forwarded" })
    void quarkusEndpointsAreNotServedThroughTheIngress(String header) {
        given().get("/q/metrics").then().statusCode(200);
        given().header(header, "https").get("/q/metrics").then().statusCode(404)
                .contentType("application/problem+json");
        given().header(header, "https").get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void noCorsIsOpened() {
        given().header("Origin", "https://evil.example.test")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/v1/catalog").then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example.test").get("/config.json").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
