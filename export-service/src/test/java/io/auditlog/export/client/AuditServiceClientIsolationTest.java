package io.auditlog.export.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.auditlog.common.problem.ProblemException;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.domain.ExportType;
import io.auditlog.export.support.Audit;
import io.auditlog.export.domain.ClaimedJob;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The client itself, below the edge's limits: a call the audit-service refuses at the protocol level (request URIs
 * of about 35 KB and 150 KB, past the documented limit and past the HTTP server's own) must fail alone. Calls of
 * other accounts made at the same time succeed, and a report stream that is open meanwhile reads to its end. (Over
 * the shared HTTP/2 connection of before, such a call took the connection and everything on it down.)
 */
@QuarkusTest
class AuditServiceClientIsolationTest {

    @Inject
    AuditServiceClient client;

    @Test
    void aCallTheAuditServiceRefusesBreaksNoOtherCallNorAnOpenStream() throws Exception {
        String victim = Audit.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(Audit.event("i-" + i, 400 - i, "SECURITY", "PASSWORD", "UPDATE"));
        }
        Audit.record(victim, events);
        Instant from = Instant.now().minus(1, ChronoUnit.DAYS);
        Instant to = Instant.now();
        String attacker = Audit.newAccount();

        try (InputStream stream = client.openReport(new ClaimedJob(UUID.randomUUID(), 1, victim, ExportType.AUDIT_LOG,
                ExportFormat.CSV, Map.of(), from, to, "UTC"))) {
            byte[] start = stream.readNBytes(512);

            List<CompletableFuture<String>> hostile = new ArrayList<>();
            List<CompletableFuture<String>> others = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int size : new int[] { 3_000, 12_000 }) {
                    hostile.add(outcome(client.checkQuery(Audit.admin(attacker), Map.of("actor",
                            IntStream.range(0, size).mapToObj(i -> "u" + i).toList()), from, to)));
                }
                for (int i = 0; i < 3; i++) {
                    others.add(outcome(client.checkQuery(Audit.admin(Audit.newAccount()),
                            Map.of("category", List.of("SECURITY")), from, to)));
                }
            }
            for (CompletableFuture<String> other : others) {
                assertEquals("ok", other.get(), "another account's check is not disturbed");
            }
            for (CompletableFuture<String> refused : hostile) {
                assertEquals("400 filters", refused.get(), "the refused call fails alone, as the caller's 400");
            }

            String body = new String(start, StandardCharsets.UTF_8)
                    + new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            long rows = body.lines().count();
            assertEquals(301, rows, "the open report stream read to its end: header and every row");
            assertTrue(body.contains("i-299"));
        }
    }

    private static CompletableFuture<String> outcome(io.smallrye.mutiny.Uni<Void> call) {
        return call.map(done -> "ok").onFailure().recoverWithItem(e -> e instanceof ProblemException problem
                ? problem.status() + " " + (problem.errors().isEmpty() ? problem.getMessage()
                        : problem.errors().get(0).field())
                : e.toString()).subscribeAsCompletionStage();
    }
}
