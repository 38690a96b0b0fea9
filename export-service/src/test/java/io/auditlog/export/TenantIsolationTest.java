package io.auditlog.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * One account's hostile report requests (filter lists of 10,000 values, values of megabytes) sent while another
 * account requests reports and the worker streams them: the hostile requests are refused at the edge with a 400
 * naming the filter, and every export of the other account is accepted and completes at its first attempt, with
 * every row. Before the fix such a request reached the audit-service over the HTTP/2 connection every call
 * shared and tore it down: other accounts' requests got 503 and running reports were interrupted.
 */
@QuarkusTest
class TenantIsolationTest {

    private static final int VICTIM_EVENTS = 300;

    @Inject
    AgroalDataSource database;

    @Test
    void hostileRequestsOfOneAccountNeitherFailNorInterruptAnothersExports() throws Exception {
        String victim = Audit.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < VICTIM_EVENTS; i++) {
            events.add(Audit.event("v-" + i, 500 - i, "SECURITY", "PASSWORD", "UPDATE"));
        }
        Audit.record(victim, events);
        String attacker = Audit.newAccount();

        ExecutorService threads = Executors.newFixedThreadPool(10);
        AtomicBoolean attacking = new AtomicBoolean(true);
        List<String> wrongAnswers = Collections.synchronizedList(new ArrayList<>());
        List<Future<Integer>> attacks = new ArrayList<>();
        try {
            for (int a = 0; a < 3; a++) {
                attacks.add(threads.submit(() -> attack(attacker, attacking, wrongAnswers)));
            }
            List<Future<ExtractableResponse<Response>>> requests = new ArrayList<>();
            for (int wave = 0; wave < 2; wave++) {
                for (int i = 0; i < 4; i++) {
                    Callable<ExtractableResponse<Response>> request = () -> Exports.request(victim,
                            Map.of("type", "audit-log", "filters", Map.of("category", List.of("SECURITY")))).extract();
                    requests.add(threads.submit(request));
                }
                Thread.sleep(300); // the second wave arrives while the first wave's reports stream
            }
            List<String> jobs = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> request : requests) {
                ExtractableResponse<Response> answer = request.get();
                assertEquals(202, answer.statusCode(), "another account's request must not fail: " + answer.asString());
                jobs.add(answer.path("id"));
            }
            for (String job : jobs) {
                assertEquals(VICTIM_EVENTS, Exports.await(victim, job, "COMPLETED").getLong("rowsWritten"));
                assertEquals(1, attempt(job), "the report was not interrupted (a retry would be attempt 2)");
            }
        } finally {
            attacking.set(false);
            threads.shutdown();
        }
        int refused = 0;
        for (Future<Integer> attack : attacks) {
            refused += attack.get();
        }
        assertEquals(List.of(), wrongAnswers, "every hostile request is a 400 naming its filter");
        assertTrue(refused >= hostileRequests().size(), "the hostile requests ran alongside: " + refused);
        assertEquals(0, jobsOf(attacker), "nothing of the hostile requests was stored");
    }

    /**
     * The edge's limit is what the audit-service's request line can carry: filters just within it are accepted
     * there (the check) and the report runs (the stream, whose query adds the account, layout and period).
     */
    @Test
    void theLargestFiltersTheEdgeLetsThroughReachTheAuditServiceAndRun() throws Exception {
        String account = Audit.newAccount();
        Map<String, Object> largest = Map.of("objectId", IntStream.range(0, 38).mapToObj(i -> "%" + i + "o".repeat(140))
                .toList(), "actor", List.of("a".repeat(10)));
        String job = Exports.start(account, Map.of("type", "audit-log", "filters", largest));
        assertEquals(0, Exports.await(account, job, "COMPLETED").getLong("rowsWritten"));
    }

    /** Sends the hostile requests over and over until told to stop; answers how many were refused as expected. */
    private static int attack(String account, AtomicBoolean attacking, List<String> wrongAnswers) {
        int refused = 0;
        do {
            for (Map.Entry<Map<String, Object>, String> hostile : hostileRequests().entrySet()) {
                ExtractableResponse<Response> answer = Exports.request(account, hostile.getKey()).extract();
                String field = answer.statusCode() == 400 ? answer.path("errors[0].field") : null;
                if (hostile.getValue().equals(field)) {
                    refused++;
                } else {
                    wrongAnswers.add(answer.statusCode() + " " + field + " for " + hostile.getValue());
                }
            }
        } while (attacking.get());
        return refused;
    }

    /** Hostile bodies and the field each must be refused for. */
    private static Map<Map<String, Object>, String> hostileRequests() {
        Map<Map<String, Object>, String> hostile = new HashMap<>();
        hostile.put(filters("category", Collections.nCopies(10_000, "LOGIN")), "filters.category");
        hostile.put(filters("actor", IntStream.range(0, 10_000).mapToObj(i -> "user-" + i).toList()), "filters.actor");
        hostile.put(filters("objectId", "x".repeat(100_000)), "filters.objectId");
        hostile.put(filters("q", "y".repeat(1_000_000)), "filters.q");
        hostile.put(filters("actor", Collections.nCopies(50, "z".repeat(256))), "filters.actor");
        Map<String, Object> together = new HashMap<>();
        together.put("team", IntStream.range(0, 40).mapToObj(i -> i + "t".repeat(137)).toList());
        together.put("objectId", IntStream.range(0, 40).mapToObj(i -> i + "o".repeat(137)).toList());
        hostile.put(Map.of("type", "audit-log", "filters", together), "filters");
        return hostile;
    }

    private static Map<String, Object> filters(String name, Object values) {
        return Map.of("type", "audit-log", "filters", Map.of(name, values));
    }

    private int attempt(String job) throws Exception {
        return (int) query("SELECT attempt FROM export.job WHERE id = ?", UUID.fromString(job));
    }

    private long jobsOf(String account) throws Exception {
        return query("SELECT count(*) FROM export.job WHERE account_id = ?", account);
    }

    private long query(String sql, Object param) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            ResultSet rs = s.executeQuery();
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
