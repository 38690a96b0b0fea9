package io.auditlog.audit.seal;

import static io.auditlog.audit.support.Api.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Seals;
import io.auditlog.common.feed.FeedEngine;
import io.auditlog.integrity.TreeHead;
import io.auditlog.integrity.Verifier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A sealer that dies mid-page (its transaction never commits) leaves no trace, and the next pass seals the same
 * events once; sealers racing from several threads (replicas) still give every account one leaf per event, with
 * no gap. The service runs no sealing loop of its own here (audit.integrity.seal-in-background=false, as a replica
 * kept from sealing), so the tests decide when each pass runs.
 */
@QuarkusTest
@TestProfile(SealerCrashTest.PassesDrivenByTheTest.class)
class SealerCrashTest {

    public static class PassesDrivenByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("audit.integrity.seal-in-background", "false");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Sealer sealer;

    @Inject
    HeadSigner signer;

    @Inject
    Pool pool;

    @Inject
    AgroalDataSource database;

    /** The account's leaves as stored: event ids in leaf order, checked to be 0..n-1 without repeats. */
    private List<String> storedLeaves(String account) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT leaf_index, event_id FROM audit.seal_leaf WHERE account_id = ? ORDER BY leaf_index")) {
            query.setString(1, account);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    assertEquals(ids.size(), rows.getLong(1), "leaf indexes have no gap");
                    ids.add(rows.getString(2));
                }
            }
        }
        assertEquals(ids.stream().distinct().count(), ids.size(), "no event has two leaves: " + ids);
        return ids;
    }

    @Test
    void aPassThatDiesBeforeItsCommitLeavesNothingAndTheNextSealsEachEventOnce() throws Exception {
        // Seal what the feed holds already (earlier tests' events), so that the page the replica dies on is ours.
        long caughtUpBy = System.nanoTime() + PATIENCE.toNanos();
        while (sealer.pass().await().atMost(PATIENCE).outcome() != FeedEngine.Outcome.CAUGHT_UP) {
            assertTrue(System.nanoTime() < caughtUpBy, "the sealer caught up with the feed");
        }
        String account = Events.newAccount();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(Events.login("crash-" + i, 30 - i, i % 2 == 0));
        }
        record(account, events);

        // A replica applies the page, writes the leaves, and dies before its commit.
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        boolean crashed = false;
        while (!crashed && System.nanoTime() < deadline) {
            FeedEngine.Pass[] seen = new FeedEngine.Pass[1];
            try {
                pool.withTransaction(tx -> sealer.applyNext(tx).invoke(pass -> seen[0] = pass)
                        .chain(pass -> pass.outcome() == FeedEngine.Outcome.APPLIED
                                ? Uni.createFrom().failure(new IllegalStateException("the replica died"))
                                : Uni.createFrom().item(pass)))
                        .await().atMost(PATIENCE);
            } catch (IllegalStateException e) {
                crashed = "the replica died".equals(e.getMessage());
            }
            if (!crashed) {
                Thread.sleep(50);
            }
        }
        assertTrue(crashed, "a pass applied a page before it died");
        assertEquals(List.of(), storedLeaves(account), "the dead pass left no leaf");

        TreeHead head = Seals.sealedUpTo(account, 30, sealer, signer);
        List<String> leaves = storedLeaves(account);
        List<String> expected = events.stream().map(e -> (String) e.get("id")).toList();
        assertEquals(expected, leaves, "every event once, in feed (ingest) order");
        assertEquals(List.of(), Verifier.log(Seals.keys(account), head, Seals.leaves(account), Seals.events(account),
                Duration.ofMinutes(5)));
    }

    @Test
    void sealersRacingAsReplicasSealEveryEventOnce() throws Exception {
        String account = Events.newAccount();
        ExecutorService replicas = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                running.add(replicas.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        sealer.pass().await().atMost(PATIENCE);
                    }
                    return null;
                }));
            }
            for (int batch = 0; batch < 10; batch++) {
                List<Map<String, Object>> events = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    events.add(Events.login("race-" + batch + "-" + i, 60 - batch, true));
                }
                record(account, events);
            }
            for (Future<?> replica : running) {
                replica.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        TreeHead head = Seals.sealedUpTo(account, 100, sealer, signer);
        assertEquals(100, storedLeaves(account).size());
        assertEquals(List.of(), Verifier.log(Seals.keys(account), head, Seals.leaves(account), Seals.events(account),
                Duration.ofMinutes(5)));
    }
}
