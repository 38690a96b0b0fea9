package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.export.maintenance.RetentionPurge;
import io.auditlog.export.metrics.ExportMetrics;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document states the statuses the endpoints answer; /q/metrics carries the service's own metrics. */
@QuarkusTest
class OpenApiAndMetricsTest {

    @Inject
    AgroalDataSource database;

    @Inject
    ExportMetrics metrics;

    @Inject
    RetentionPurge retention;

    @Test
    void theOpenApiDocumentStatesTheRealStatuses() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Object> post = openapi.getMap("paths.'/api/v1/exports'.post.responses");
        assertTrue(post.containsKey("202"), "POST answers 202: " + post.keySet());
        assertTrue(!post.containsKey("200") && !post.containsKey("201"), "and never 200 or 201: " + post.keySet());
        given().queryParam("format", "json").get("/q/openapi").then()
                .body("paths.'/api/v1/exports/{id}'.delete.responses", hasKey("204"))
                .body("paths.'/api/v1/exports/{id}'.delete.responses", not(hasKey("200")))
                .body("paths.'/api/v1/exports/{id}/files/{n}'.get.responses", hasKey("410"));
    }

    @Test
    void jobsByStateDurationBytesAndExpiredFilesAreExported() throws Exception {
        Map<String, Double> before = scrape();
        refresh();
        double expiredBefore = value(scrape(), "export_jobs", "state", "expired");

        String[] made = Exports.accountWithCompletedReport("m-1");
        String account = made[0];
        String job = made[1];
        long bytes = ((Number) Exports.job(account, job).getList("files", Map.class).get(0).get("bytes")).longValue();
        Map<String, Double> completed = scrape();
        assertTrue(value(completed, "export_job_duration_seconds_count", "outcome", "completed")
                >= value(before, "export_job_duration_seconds_count", "outcome", "completed") + 1,
                "the completed attempt is timed");
        assertTrue(value(completed, "export_report_written_bytes_total", null, null)
                >= value(before, "export_report_written_bytes_total", null, null) + bytes, "its file's bytes count");

        try (Connection c = database.getConnection(); PreparedStatement age = c.prepareStatement(
                "UPDATE export.job SET expires_at = now() - interval '1 second' WHERE id = ?")) {
            age.setObject(1, UUID.fromString(job));
            assertEquals(1, age.executeUpdate());
        }
        refresh();
        assertEquals(expiredBefore + 1, value(scrape(), "export_jobs", "state", "expired"),
                "a report past its expiry counts as expired before the purge");

        double filesBefore = value(scrape(), "export_retention_files_expired_total", null, null);
        long removed = retention.purge().await().atMost(Duration.ofSeconds(30)).files();
        assertTrue(removed >= 1, "the report's file is removed");
        assertEquals(filesBefore + removed, value(scrape(), "export_retention_files_expired_total", null, null));
        for (String state : List.of("queued", "running", "completed", "failed", "expired")) {
            assertTrue(scrape().containsKey("export_jobs{state=\"" + state + "\"}"), "a gauge for " + state);
        }
    }

    private void refresh() {
        metrics.refresh().await().atMost(Duration.ofSeconds(30));
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)",
            Pattern.MULTILINE);

    /** Every sample of /q/metrics by its name and labels as written. */
    private static Map<String, Double> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new java.util.HashMap<>();
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            samples.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return samples;
    }

    /** The value of {@code name} with label {@code label="value"} (any other labels), 0 when absent. */
    private static double value(Map<String, Double> samples, String name, String label, String value) {
        return samples.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> label == null || e.getKey().contains(label + "=\"" + value + "\""))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
