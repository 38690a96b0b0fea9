package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.ids;
import static io.auditlog.audit.support.Api.post;
import static io.auditlog.audit.support.Api.record;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.StoredRows;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The IP forms the log takes, checked against PostgreSQL itself: an accepted address is stored exactly as
 * PostgreSQL's inet stores the text sent, an accepted filter matches exactly the rows PostgreSQL's {@code <<=} does,
 * and every other form is a 400 naming the field (never a 500 from the database's cast).
 */
@QuarkusTest
class IpAddressFormsTest {

    @Inject
    AgroalDataSource database;

    /** An address as sent, and whether the log takes it. */
    record Form(String text, boolean accepted) {
        @Override
        public String toString() {
            return (accepted ? "takes " : "refuses ") + "\"" + text + "\"";
        }
    }

    static Stream<Form> addresses() {
        List<Form> forms = new ArrayList<>();
        for (String ok : List.of("203.0.113.7", "0.0.0.0", "255.255.255.255", "10.0.0.1", "::", "::1",
                "2001:db8::1", "2001:DB8::1", "2001:db8:0:0:0:0:0:1", "2001:0db8:0000:0000:0000:0000:0000:0001",
                "fe80::1", "1::", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "::ffff:192.0.2.1", "::192.0.2.1",
                "1:2:3:4:5:6:192.0.2.1", "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789", "1:0:0:2::3")) {
            forms.add(new Form(ok, true));
        }
        for (String bad : List.of("[::1]", "[2001:db8::1]:443", "fe80::1%eth0", "fe80::1%25eth0", "fe80::1%",
                "1.2.3.4%eth0", "010.1.1.1", "001.002.003.004", "1.2.3", "1.2", "1", "10/8", "0x1.2.3.4",
                "1.2.3.256", "1.2.3.4.5", "٣.2.3.4", "１.2.3.4", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n", "1.2.3.4/32",
                "::1/128", "1::2::3", "1:::2", ":1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:1.2.3.4",
                "::ffff:1.2.3", "::ffff:01.2.3.4", "00001::1", "g::1", "::1:", "", "localhost", "example.com")) {
            forms.add(new Form(bad, false));
        }
        return forms.stream();
    }

    @ParameterizedTest(name = "ingest {0}")
    @MethodSource("addresses")
    void anAddressIsRefusedOrStoredAsPostgresqlStoresIt(Form form) throws SQLException {
        String account = Events.newAccount();
        Map<String, Object> event = Events.login("ip-event", 1, true);
        event.put("context", new HashMap<>(Map.of("ip", form.text())));
        if (!form.accepted()) {
            post(account, event).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("context.ip"));
            assertEquals(0, StoredRows.of(database, account));
            return;
        }
        String postgres = postgresHost(form.text());
        assertNotNull(postgres, "PostgreSQL takes " + form.text());
        post(account, event).statusCode(201);
        as(Tokens.admin(account)).get("/api/v1/events/ip-event").then().statusCode(200)
                .body("context.ip", equalTo(postgres));
    }

    static Stream<Form> networks() {
        List<Form> forms = new ArrayList<>();
        for (String ok : List.of("203.0.113.7", "203.0.113.0/24", "203.0.113.7/24", "203.0.0.0/16", "0.0.0.0/0",
                "203.0.113.7/32", "2001:db8::/32", "2001:DB8::1/128", "::/0", "::ffff:0:0/96",
                "::ffff:203.0.113.7", "fe80::/10", "198.51.100.0/31")) {
            forms.add(new Form(ok, true));
        }
        for (String bad : List.of("[::1]", "fe80::1%eth0", "fe80::1%25eth0", "1.2.3.4/٣", "1.2.3.4/33",
                "::1/129", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/+8", "1.2.3.4/08", "1.2.3.4/1e1", "1.2.3.4/24/8",
                "10/8", "10.1/16", "010.0.0.0/8", "1.2.3.4//24", "/24", "1.2.3.4/ 24", "1.2.3.4/0x10")) {
            forms.add(new Form(bad, false));
        }
        return forms.stream();
    }

    @ParameterizedTest(name = "filter {0}")
    @MethodSource("networks")
    void aFilterIsRefusedOrMatchesWhatPostgresqlMatches(Form form) throws SQLException {
        String account = Events.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        String[] ips = { "203.0.113.7", "203.0.113.200", "203.0.7.1", "198.51.100.1", "2001:db8::1",
                "2001:db8:ffff::9", "::ffff:203.0.113.7", "fe80::1", "::1" };
        for (int i = 0; i < ips.length; i++) {
            Map<String, Object> event = Events.login("e" + i, i + 1, true);
            event.put("context", new HashMap<>(Map.of("ip", ips[i])));
            events.add(event);
        }
        record(account, events);
        Map<String, String> query = Map.of("ip", form.text(), "limit", "100");
        if (!form.accepted()) {
            as(Tokens.admin(account)).queryParams(query).get("/api/v1/events").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("ip"));
            as(Tokens.admin(account)).queryParams(Map.of("ip", form.text())).get("/api/v1/events/export").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("ip"));
            return;
        }
        List<String> expected = postgresMatches(account, form.text());
        assertEquals(expected, ids(account, query), "the log matches what PostgreSQL matches");
    }

    /** How PostgreSQL stores and shows {@code text} as an inet, or null when it refuses it. */
    private String postgresHost(String text) throws SQLException {
        try (Connection c = database.getConnection();
                PreparedStatement host = c.prepareStatement("SELECT host(?::inet)")) {
            host.setString(1, text);
            try (ResultSet row = host.executeQuery()) {
                row.next();
                return row.getString(1);
            } catch (SQLException refused) {
                return null;
            }
        }
    }

    /** The account's events within {@code network} by PostgreSQL's own reading of the text, newest first. */
    private List<String> postgresMatches(String account, String network) throws SQLException {
        try (Connection c = database.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT event_id FROM audit.event WHERE account_id = ?"
                        + " AND ip <<= ?::inet ORDER BY occurred_at DESC, seq DESC")) {
            select.setString(1, account);
            select.setString(2, network);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }
}
