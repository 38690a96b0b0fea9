package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.export.support.Reports;
import io.auditlog.integrity.Ed25519Keys;
import io.auditlog.integrity.ReportManifest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Real reports of the real audit-service's events, signed with its key, downloaded and checked by the offline
 * verifier as a customer would; then tampered with, each way named by the verifier.
 */
@QuarkusTest
class SignedManifestTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static List<Map<String, Object>> events(String prefix, int count) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> event = Audit.event(prefix + i, 60 - i, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN");
            event.put("details", Map.of("attempt", i, "method", "sso"));
            events.add(event);
        }
        return events;
    }

    Verified verify(Path manifest) {
        Reports.Verified run = Reports.verify(dir, manifest);
        return new Verified(run.exit(), run.out(), run.err());
    }

    record Verified(int exit, String out, String err) {
        Verified failed(String... expected) {
            assertEquals(1, exit, out + err);
            for (String text : expected) {
                assertTrue(err.contains(text), "expected \"" + text + "\" in:\n" + err);
            }
            return this;
        }
    }

    @Test
    void anNdjsonReportVerifiesRowByRowAndEachTamperingIsNamed() throws Exception {
        String account = Audit.newAccount();
        Audit.record(account, events("nd-", 12));
        String id = Exports.start(account, Map.of("type", "audit-log", "format", "ndjson"));
        JsonPath job = Exports.await(account, id, "COMPLETED");

        assertEquals("/api/v1/exports/" + id + "/manifest", job.getString("manifest.url"));
        assertEquals("/api/v1/exports/" + id + "/proof", job.getString("manifest.proofUrl"));
        assertTrue(job.getLong("manifest.treeSize") >= 12, "the head covers every row");
        assertTrue(job.getList("files").size() > 1, "the 2 KB test files split the report");
        for (int n = 1; n <= job.getList("files").size(); n++) {
            assertEquals(Reports.sha256(Reports.download(account, "/api/v1/exports/" + id + "/files/" + n)),
                    job.getString("files[" + (n - 1) + "].sha256"), "file " + n);
        }
        Path manifest = Reports.save(account, id, dir);
        assertEquals("audit-log-" + id + "-manifest.json", manifest.getFileName().toString());
        assertEquals("audit-log-" + id + "-proof.json", Reports.filename(account, "/api/v1/exports/" + id + "/proof"));
        Verified ok = verify(manifest);
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith("OK: report " + id + " (12 rows in "), ok.out());

        JsonNode signed = JSON.readTree(manifest.toFile());
        assertEquals(ReportManifest.FORMAT, signed.get("format").asText());
        assertEquals("ndjson", signed.at("/request/format").asText());
        assertEquals(job.getString("completedAt"), signed.get("completedAt").asText());
        assertEquals(account, signed.at("/treeHead/accountId").asText());

        Path first = dir.resolve(job.getString("files[0].name"));
        byte[] original = Files.readAllBytes(first);
        List<String> rows = Files.readAllLines(first, StandardCharsets.UTF_8);
        String firstId = JSON.readTree(rows.get(0)).get("id").asText();
        String secondId = JSON.readTree(rows.get(1)).get("id").asText();

        rows.set(0, rows.get(0).replace("\"sso\"", "\"password\""));
        Files.write(first, rows, StandardCharsets.UTF_8);
        verify(manifest).failed("file " + first.getFileName() + " row 1 event " + firstId
                + ": its content does not match leaf", "file " + first.getFileName() + ": its SHA-256 is");

        rows = Files.readAllLines(first, StandardCharsets.UTF_8);
        rows.remove(1);
        Files.write(first, rows, StandardCharsets.UTF_8);
        verify(manifest).failed("row 2 event " + secondId + ": missing from the file");

        Files.write(first, original);
        Files.write(first, "\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        verify(manifest).failed("file " + first.getFileName() + ": " + (original.length + 1) + " bytes, the manifest "
                + "says " + original.length);
        Files.write(first, original);
        assertEquals(0, verify(manifest).exit());

        String text = Files.readString(manifest);
        ObjectNode period = (ObjectNode) JSON.readTree(text);
        ((ObjectNode) period.get("request")).put("from", "2026-01-01T00:00:00Z");
        Files.writeString(manifest, JSON.writeValueAsString(period));
        verify(manifest).failed("manifest: the signature does not verify with key audit-1");

        ObjectNode forged = ReportManifest.sign((ObjectNode) JSON.readTree(text), "audit-1",
                Ed25519Keys.generate().getPrivate());
        Files.writeString(manifest, JSON.writeValueAsString(forged));
        verify(manifest).failed("manifest: the signature does not verify with key audit-1");

        Files.writeString(manifest, JSON.writeValueAsString(signed.get("treeHead")));
        verify(manifest).failed("not auditlog-report-manifest-v1 (a tree head is no manifest)");
    }

    @Test
    void aCsvReportIsCoveredByItsFilesHashesAndHasNoProof() throws Exception {
        String account = Audit.newAccount();
        Audit.record(account, events("csv-", 6));
        String id = Exports.start(account, Map.of("type", "audit-log"));
        JsonPath job = Exports.await(account, id, "COMPLETED");
        assertNotNull(job.getString("manifest.url"));
        assertNull(job.getString("manifest.proofUrl"));
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id + "/proof").then().statusCode(404)
                .contentType("application/problem+json");
        Path manifest = Reports.save(account, id, dir);
        JsonNode signed = JSON.readTree(manifest.toFile());
        assertTrue(signed.get("proof").isNull());
        assertEquals(6, signed.get("rows").asLong());
        assertEquals(0, verify(manifest).exit());

        Path file = dir.resolve(job.getString("files[0].name"));
        String csv = Files.readString(file);
        Files.writeString(file, csv.replaceFirst("ann@example.com", "bob@example.com"));
        verify(manifest).failed("file " + file.getFileName() + ": its SHA-256 is");
    }
}
