package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The export stream's edges: every CSV record ends CRLF, a bad request is refused before the first byte, and a
 * stream that breaks mid-way can never be taken for a whole report by an HTTP client.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportStreamTest {

    /** Rows of the interrupted exports: about 50 MB of CSV, far more than the sockets between us buffer. */
    private static final int BIG_ROWS = 120_000;
    private static final String BIG_ACCOUNT = "acct-export-stream-test-bulk";
    private String bigAccount;

    @Inject
    AgroalDataSource database;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int jdbcMaxSize;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyRecordEndsCrlfAndLineBreaksInsideCellsStay() throws IOException {
        String account = Events.newAccount();
        Map<String, Object> multiline = Events.login("multi", 3, true);
        Map<String, Object> actor = Events.actor("u-1", "ann@example.com", "Ann \"the boss\"\nLee\r\nSr,\tJr",
                List.of());
        multiline.put("actor", actor);
        Map<String, Object> object = Events.contactDeleted("object", 2);
        object.put("object", Map.of("type", "CONTACT", "id", "c-1", "name", "line one\nline \"two\"\n", "path",
                "\n"));
        record(account, List.of(multiline, object, Events.securityChange("plain", 1)));

        byte[] body = given().auth().oauth2(Tokens.admin(account)).get("/api/v1/events/export").then()
                .statusCode(200).extract().asByteArray();
        List<String> records = records(body);
        assertEquals(4, records.size(), "header and three rows");
        for (String r : records) {
            assertTrue(r.endsWith("\r\n"), "every record ends CRLF: " + r);
        }
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(new String(body, StandardCharsets.UTF_8)))
                .getRecords();
        assertEquals("Ann \"the boss\"\nLee\r\nSr,\tJr", rows.get(1).get(7), "cell text kept as sent");
        assertEquals("line one\nline \"two\"\n", rows.get(2).get(13));
        assertEquals("\n", rows.get(2).get(14));
        assertEquals(List.of("multi", "object", "plain"), rows.subList(1, 4).stream().map(r -> r.get(0)).toList());
    }

    @Test
    void ndjsonLinesStayLf() {
        String account = Events.newAccount();
        record(account, List.of(Events.login("a", 2, true), Events.login("b", 1, true)));
        String body = given().auth().oauth2(Tokens.admin(account)).queryParam("format", "ndjson")
                .get("/api/v1/events/export").then().statusCode(200).extract().asString();
        assertEquals(2, body.split("\n").length);
        assertTrue(body.endsWith("}\n") && !body.contains("\r"), body);
    }

    @Test
    void badFiltersAreAProblemBeforeAnyByte() {
        String account = Events.newAccount();
        record(account, List.of(Events.login("a", 2, true)));
        for (Map.Entry<String, String> bad : Map.of("ip", "[::1]", "from", "+999999999-12-31T23:59:59Z", "actor",
                "u-42\u0000", "to", "0000-01-01T00:00:00Z", "q", "\u0000").entrySet()) {
            given().auth().oauth2(Tokens.admin(account)).queryParam(bad.getKey(), bad.getValue())
                    .get("/api/v1/events/export").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad.getKey()));
        }
    }

    /**
     * The database connection streaming the rows dies mid-export (a PostgreSQL restart, a failover): the client
     * must see an error, not a short report that ends like a whole one. HTTP/1.1 ends the connection without
     * the last chunk, HTTP/2 resets the stream.
     */
    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({ "csv, HTTP_1_1", "csv, HTTP_2", "ndjson, HTTP_1_1", "ndjson, HTTP_2" })
    void aStreamCutOffMidwayIsAnErrorForTheClient(String format, HttpClient.Version version) throws Exception {
        String account = bigAccount();
        HttpClient client = HttpClient.newBuilder().version(version).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/events/export?format=" + format))
                .header("Authorization", "Bearer " + Tokens.admin(account)).timeout(Duration.ofMinutes(2)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals(version, response.version(), "the protocol under test was used");
        try (InputStream body = response.body()) {
            byte[] start = body.readNBytes(1 << 20);
            assertEquals(1 << 20, start.length, "the export is under way");
            assertTrue(terminateStreamingBackend(format), "found the database session streaming the rows");
            IOException broken = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                    IOException.class, () -> body.transferTo(OutputStream.nullOutputStream()),
                    "a broken stream must not read as a complete body"));
            Throwable cause = broken.getCause() == null ? broken : broken.getCause();
            if (version == HttpClient.Version.HTTP_2) {
                // not NO_ERROR ("Not an error"), which a client may take for a graceful end of the stream
                assertTrue(cause.getMessage().contains("RST_STREAM: Internal error"), String.valueOf(cause));
            }
        }
        assertEveryPooledConnectionWorks();
    }

    /**
     * After a PostgreSQL restart the JDBC pool still holds the connections the server ended (it does not test them
     * before handing one out): a report then skips them and runs, rather than failing once per dead connection.
     */
    @Test
    void aReportRunsOnTheFirstTryAfterTheDatabaseEndedEveryPooledConnection() throws Exception {
        String account = Events.newAccount();
        record(account, List.of(Events.login("a", 2, true), Events.login("b", 1, true)));
        assertEveryPooledConnectionWorks(); // the pool is full
        // from a connection of its own, so that not one pooled connection is left alive
        try (Connection c = DriverManager.getConnection(jdbcUrl, username, password.orElse(""));
                ResultSet ended = c.createStatement().executeQuery("SELECT count(pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND application_name = 'PostgreSQL JDBC Driver'")) {
            ended.next();
            assertEquals(jdbcMaxSize, ended.getInt(1), "ended every pooled connection");
        }
        Thread.sleep(200); // the server ends them asynchronously
        try {
            for (int i = 0; i < 3; i++) {
                // (LOGIN only: the log's own record of the first export is in the later ones)
                String csv = given().auth().oauth2(Tokens.admin(account)).queryParam("category", "LOGIN")
                        .get("/api/v1/events/export").then().statusCode(200).extract().asString();
                assertEquals(3, records(csv.getBytes(StandardCharsets.UTF_8)).size(), csv);
            }
        } finally {
            database.flush(AgroalDataSource.FlushMode.ALL); // ended connections no later test should pick up
        }
    }

    /**
     * The client goes away while the database connection under its COPY is already dead: stopping the COPY then
     * fails, and the connection must still not go back to the pool as if it were healthy.
     */
    @Test
    void aClientLeavingWhileTheDatabaseIsGoneLeavesThePoolWhole() throws Exception {
        String account = bigAccount();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/events/export"))
                .header("Authorization", "Bearer " + Tokens.admin(account)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertEquals(1 << 20, body.readNBytes(1 << 20).length);
            assertTrue(terminateStreamingBackend("csv"));
        } // closing the body before its end drops the connection
        assertEveryPooledConnectionWorks();
    }

    /**
     * Clients that leave in the middle of a report, while rows are being read for them: each COPY is stopped and
     * its connection given back clean (the stop must not run on the connection while the stream still reads on
     * it, which garbled the protocol of a connection that then went back to the pool).
     */
    @Test
    void clientsLeavingMidStreamLeaveThePoolClean() throws Exception {
        String account = bigAccount();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 20; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/events/export"))
                    .header("Authorization", "Bearer " + Tokens.admin(account)).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                body.readNBytes((1 + i % 4) << 20);
            }
        }
        assertEveryPooledConnectionWorks();
        // The sealer and the head signer run short transactions of their own every second or so: a session they
        // hold is gone a moment later, while one a broken stream left behind stays. So the count must reach 0.
        int left = -1;
        for (int attempt = 0; attempt < 50 && left != 0; attempt++) {
            if (attempt > 0) {
                Thread.sleep(100);
            }
            try (Connection c = database.getConnection();
                    ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'")) {
                rows.next();
                left = rows.getInt(1);
            }
        }
        assertEquals(0, left, "no session left streaming or in a transaction");
    }

    /**
     * The connection whose COPY broke must not go back to the pool as it was: the next report (or anything else
     * using the pool) would get a dead or half-read connection. Every connection of the pool at once answers.
     * Getting them may time out once while the service is still giving the broken one back (the pool does not
     * wake a waiting borrower when it drops a connection); a connection that is handed out must work.
     */
    private void assertEveryPooledConnectionWorks() throws Exception {
        for (int attempt = 1;; attempt++) {
            List<Connection> all = new ArrayList<>();
            try {
                for (int i = 0; i < jdbcMaxSize; i++) {
                    Connection c = database.getConnection();
                    all.add(c);
                    try (ResultSet one = c.createStatement().executeQuery("SELECT 1")) {
                        assertTrue(one.next());
                    }
                }
                return;
            } catch (SQLException e) {
                if (all.size() == jdbcMaxSize || attempt == 3 || !e.getMessage().contains("acquisition timeout")) {
                    throw e;
                }
            } finally {
                for (Connection c : all) {
                    c.close();
                }
            }
        }
    }

    @AfterAll
    void dropTheBigAccount() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, username, password.orElse("")); // whatever the pool's state
                PreparedStatement delete = c.prepareStatement("DELETE FROM audit.event WHERE account_id = ?")) {
            delete.setString(1, BIG_ACCOUNT);
            delete.executeUpdate();
        }
    }

    /**
     * An account with {@link #BIG_ROWS} events, written straight into the table once for all the cases, and
     * deleted after them (and before, should an earlier run have stopped halfway), so that the test database does
     * not grow by them: the feed tests read the whole feed.
     */
    private String bigAccount() throws Exception {
        if (bigAccount == null) {
            dropTheBigAccount();
            try (Connection c = database.getConnection();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO audit.event (account_id, event_id,"
                            + " occurred_at, category, subcategory, action, actor_id, actor_name, ip)"
                            + " SELECT ?, 'bulk-' || g, now() - make_interval(secs => g), 'LOGIN', 'LOGIN_SUCCEEDED',"
                            + " 'LOGIN', 'u-' || (g % 100), repeat('n', 300), '203.0.113.7'"
                            + " FROM generate_series(1, ?) g")) {
                insert.setString(1, BIG_ACCOUNT);
                insert.setInt(2, BIG_ROWS);
                insert.executeUpdate();
            }
            bigAccount = BIG_ACCOUNT;
        }
        return bigAccount;
    }

    /** Ends the PostgreSQL session that streams the export (COPY for CSV, a cursor for NDJSON). */
    private boolean terminateStreamingBackend(String format) throws Exception {
        String pattern = format.equals("csv") ? "COPY (SELECT %" : "SELECT account_id, event_id%ORDER BY occurred_at, seq";
        try (Connection c = database.getConnection();
                PreparedStatement kill = c.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND state <> 'idle' AND query LIKE ?")) {
            kill.setString(1, pattern);
            try (ResultSet rows = kill.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }

    /** The records of a CSV body, each with its line ending, split where a line break lies outside quotes. */
    private static List<String> records(byte[] body) {
        List<String> records = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '"') {
                quoted = !quoted;
            } else if (body[i] == '\n' && !quoted) {
                records.add(new String(body, start, i + 1 - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        assertEquals(body.length, start, "the body ends with a record end");
        return records;
    }
}
