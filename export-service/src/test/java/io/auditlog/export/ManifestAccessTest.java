package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.testing.AuditService;
import io.quarkus.test.junit.QuarkusTest;

/** GET /api/v1/exports/{id}/manifest and /proof follow the files' rules: roles, tenancy, completion, expiry. */
@QuarkusTest
class ManifestAccessTest {

    @Inject
    AgroalDataSource database;

    void sql(String statement, Object... params) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    @Test
    void onlyTheAccountsAdminGetsTheManifestAndProof() throws Exception {
        String account = Audit.newAccount();
        Audit.record(account, List.of(Audit.event("acc-1", 5, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN")));
        String id = Exports.start(account, Map.of("type", "audit-log", "format", "ndjson"));
        Exports.await(account, id, "COMPLETED");
        for (String path : List.of("/manifest", "/proof")) {
            String url = "/api/v1/exports/" + id + path;
            given().get(url).then().statusCode(401);
            given().auth().oauth2(Audit.ingest(account)).get(url).then().statusCode(403);
            given().auth().oauth2(AuditService.token("someone", account, "audit-viewer")).get(url).then()
                    .statusCode(403);
            given().auth().oauth2(Audit.admin(Audit.newAccount())).get(url).then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/not-a-uuid" + path).then()
                    .statusCode(400).body("errors[0].field", equalTo("id"));
            given().auth().oauth2(Audit.admin(account)).get(url).then().statusCode(200)
                    .contentType(containsString("application/json"))
                    .header("Content-Disposition", startsWith("attachment; filename=\"audit-log-" + id + "-"));
        }
        // The list shows the manifest as the report does.
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports").then().statusCode(200)
                .body("items[0].id", equalTo(id)).body("items[0].manifest.url", equalTo("/api/v1/exports/" + id
                        + "/manifest"))
                .body("items[0].manifest.treeSize", notNullValue());
    }

    @Test
    void aReportNotCompletedExpiredOrWithoutManifestSaysWhy() throws Exception {
        String account = Audit.newAccount();
        UUID failed = UUID.randomUUID();
        sql("INSERT INTO export.job (id, account_id, requested_by, type, format, query, from_ts, to_ts, time_zone,"
                + " status, failure) VALUES (?, ?, 'u-1', 'AUDIT_LOG', 'NDJSON', '{}'::jsonb, now() - interval '1 day',"
                + " now(), 'UTC', 'FAILED', 'a test')", failed, account);
        given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + failed + "/manifest").then()
                .statusCode(404).body("detail", containsString("not completed"));

        String[] done = Exports.accountWithCompletedReport("old-1");
        String owner = done[0];
        String job = done[1];
        given().auth().oauth2(Audit.admin(owner)).get("/api/v1/exports/" + job).then().statusCode(200)
                .body("manifest.url", notNullValue()).body("files[0].sha256", notNullValue());
        // A report completed before reports were signed has no manifest file.
        sql("DELETE FROM export.file WHERE job_id = ? AND file_no <= 0", UUID.fromString(job));
        given().auth().oauth2(Audit.admin(owner)).get("/api/v1/exports/" + job).then().statusCode(200)
                .body("manifest", nullValue()).body("files[0].sha256", nullValue());
        given().auth().oauth2(Audit.admin(owner)).get("/api/v1/exports/" + job + "/manifest").then().statusCode(404)
                .body("detail", containsString("no signed manifest"));

        sql("UPDATE export.job SET expires_at = now() - interval '1 second' WHERE id = ?", UUID.fromString(job));
        given().auth().oauth2(Audit.admin(owner)).get("/api/v1/exports/" + job + "/manifest").then().statusCode(410);
        given().auth().oauth2(Audit.admin(owner)).get("/api/v1/exports/" + job + "/proof").then().statusCode(410);
    }
}
