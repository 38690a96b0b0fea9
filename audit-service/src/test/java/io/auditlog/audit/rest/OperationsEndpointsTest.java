package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.maintenance.PartitionMaintenance;
import io.auditlog.audit.support.Api;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What operators and API users read from the service itself: the OpenAPI document, Swagger UI and the metrics. */
@QuarkusTest
class OperationsEndpointsTest {

    @Inject
    AgroalDataSource database;

    @Inject
    PartitionMaintenance maintenance;

    @Test
    void theOpenApiDocumentSaysWhatIngestReallyAnswers() {
        JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Object> responses = openApi.getMap("paths.'/api/v1/events'.post.responses");
        assertTrue(responses.containsKey("201"), "ingest answers 201 when it stored anything: " + responses.keySet());
        assertTrue(responses.containsKey("200"), "and 200 for repeats only: " + responses.keySet());
        assertEquals("#/components/schemas/IngestResponse",
                openApi.getString("paths.'/api/v1/events'.post.responses.'201'.content.'application/json'.schema.$ref"));
    }

    @Test
    void theSecuritySchemeNamesTheOidcDiscoveryDocument() {
        JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Map<String, Object>> schemes = openApi.getMap("components.securitySchemes");
        Map<String, Object> oidc = schemes.values().stream().filter(s -> "openIdConnect".equals(s.get("type")))
                .findFirst().orElseThrow(() -> new AssertionError("no openIdConnect scheme: " + schemes));
        assertNotNull(oidc.get("openIdConnectUrl"), "openIdConnectUrl: " + oidc);
        assertTrue(((String) oidc.get("openIdConnectUrl")).endsWith("/.well-known/openid-configuration"),
                "the discovery document: " + oidc);
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui").then().statusCode(200).body(containsString("swagger-ui"));
    }

    @Test
    void ingestIsCountedByOutcome() {
        String account = Events.newAccount();
        Map<String, Double> before = metrics();
        record(account, List.of(Events.login("m-1", 5, true), Events.login("m-2", 4, true)));
        Api.post(account, Events.login("m-1", 5, true)).statusCode(200);
        Map<String, Double> after = metrics();
        assertEquals(2.0, delta(before, after, "audit_events_ingested_total{outcome=\"created\"}"));
        assertEquals(1.0, delta(before, after, "audit_events_ingested_total{outcome=\"repeat\"}"));
    }

    @Test
    void thePartitionCountIsTheTablesOwn() throws Exception {
        // other tests add and drop partitions of their own after the run at start: run it now
        maintenance.maintain().await().atMost(Duration.ofSeconds(30));
        int partitions;
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit.event'::regclass")) {
            rs.next();
            partitions = rs.getInt(1);
        }
        assertTrue(partitions >= 14, "400 days and 3 months ahead: " + partitions);
        assertEquals((double) partitions, metrics().get("audit_event_partitions"));
    }

    @Test
    void exportStreamsAreCountedWhileInFlightAndByOutcome() throws Exception {
        String account = Events.newAccount();
        record(account, List.of(Events.login("x-1", 5, true)));
        String completedCsv = "audit_export_streams_total{format=\"csv\",outcome=\"completed\"}";
        String completedNdjson = "audit_export_streams_total{format=\"ndjson\",outcome=\"completed\"}";
        Map<String, Double> before = metrics();
        given().auth().oauth2(Tokens.admin(account)).get("/api/v1/events/export").then().statusCode(200);
        given().auth().oauth2(Tokens.admin(account)).queryParam("format", "ndjson").get("/api/v1/events/export")
                .then().statusCode(200);
        Map<String, Double> after = awaitMetric(completedNdjson, before.getOrDefault(completedNdjson, 0.0) + 1);
        assertEquals(1.0, delta(before, after, completedCsv));
        assertEquals(1.0, delta(before, after, completedNdjson));
        assertEquals(0.0, after.get("audit_export_streams_active"), "none in flight once they ended");
    }

    /** The metrics once {@code name} reached {@code value} (a stream is counted as it ends, with its last bytes). */
    private static Map<String, Double> awaitMetric(String name, double value) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Double> metrics = metrics();
        while (metrics.getOrDefault(name, 0.0) < value && System.nanoTime() < deadline) {
            Thread.sleep(50);
            metrics = metrics();
        }
        return metrics;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        assertTrue(after.containsKey(name), name + " in " + after.keySet());
        return after.get(name) - before.getOrDefault(name, 0.0);
    }

    /** The Prometheus exposition, one entry per series: {@code name{labels}} to value. */
    private static Map<String, Double> metrics() {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> series = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return series;
    }
}
