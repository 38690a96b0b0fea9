package io.auditlog.export.support;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** The export API as a super admin's console calls it. */
public final class Exports {

    private Exports() {
    }

    public static ValidatableResponse request(String account, Map<String, ?> body) {
        return given().auth().oauth2(Audit.admin(account)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/exports").then();
    }

    /** Requests a report and answers its id (fails unless 202). */
    public static String start(String account, Map<String, ?> body) {
        return request(account, body).statusCode(202).extract().path("id");
    }

    public static JsonPath job(String account, String id) {
        return given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    /** Polls the job until it reaches {@code status}. */
    public static JsonPath await(String account, String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonPath job = job(account, id);
        while (!status.equals(job.getString("status")) && System.nanoTime() < deadline) {
            if ("FAILED".equals(job.getString("status"))) {
                throw new AssertionError("export failed: " + job.getString("failure"));
            }
            Thread.sleep(200);
            job = job(account, id);
        }
        if (!status.equals(job.getString("status"))) {
            throw new AssertionError("export " + id + " is " + job.getString("status") + ", not " + status);
        }
        return job;
    }

    public static String file(String account, String id, int n) {
        return given().auth().oauth2(Audit.admin(account)).get("/api/v1/exports/" + id + "/files/" + n).then()
                .statusCode(200).extract().asString();
    }

    /** Every file of a completed report, parsed; each must start with the same header. */
    public static List<List<CSVRecord>> csvFiles(String account, String id) throws IOException {
        JsonPath job = job(account, id);
        List<List<CSVRecord>> files = new ArrayList<>();
        for (int n = 1; n <= job.getList("files").size(); n++) {
            files.add(CSVFormat.RFC4180.parse(new StringReader(file(account, id, n))).getRecords());
        }
        return files;
    }

    /** A new account with one completed audit-log report of one event ({@code eventId}): its id and the report's. */
    public static String[] accountWithCompletedReport(String eventId) throws Exception {
        String account = Audit.newAccount();
        Audit.record(account, List.of(Audit.event(eventId, 5, "LOGIN", "LOGIN_SUCCEEDED", "LOGIN")));
        String job = start(account, Map.of("type", "audit-log"));
        await(account, job, "COMPLETED");
        return new String[] { account, job };
    }

    /** How many report jobs the account has, counted in the database itself (what the API hides counts too). */
    public static long jobCount(io.agroal.api.AgroalDataSource database, String account) throws java.sql.SQLException {
        try (java.sql.Connection c = database.getConnection();
                java.sql.PreparedStatement count = c.prepareStatement(
                        "SELECT count(*) FROM export.job WHERE account_id = ?")) {
            count.setString(1, account);
            java.sql.ResultSet rs = count.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
