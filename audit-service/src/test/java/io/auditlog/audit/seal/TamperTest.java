package io.auditlog.audit.seal;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.LogAccessOff;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Seals;
import io.auditlog.audit.support.Tokens;
import io.auditlog.integrity.TreeHead;
import io.auditlog.integrity.Verifier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Someone with write access to the database changes the log behind the service's back; the proofs and the offline
 * checks find it and name the event. Each case seals five events under a head the customer keeps, then tampers.
 */
@QuarkusTest
// Counts the account's leaves exactly and reads the events with a super admin's token: the log's own records of
// those reads would be leaves too.
@TestProfile(LogAccessOff.class)
class TamperTest {

    private static final Duration MARGIN = Duration.ofMinutes(5);

    @Inject
    Sealer sealer;

    @Inject
    HeadSigner signer;

    @Inject
    AgroalDataSource database;

    record Sealed(String account, TreeHead head, Map<String, PublicKey> keys) {
    }

    private Sealed fiveSealedEvents(String prefix) {
        String account = Events.newAccount();
        record(account, List.of(Events.login(prefix + "-1", 50, false), Events.contactDeleted(prefix + "-2", 40),
                Events.contentShared(prefix + "-3", 30), Events.securityChange(prefix + "-4", 20),
                Events.login(prefix + "-5", 10, true)));
        TreeHead head = Seals.sealedUpTo(account, 5, sealer, signer);
        Sealed sealed = new Sealed(account, head, Seals.keys(account));
        assertEquals(List.of(), check(sealed), "the untouched log verifies clean");
        return sealed;
    }

    private List<String> check(Sealed s) {
        return Verifier.log(s.keys(), s.head(), Seals.leaves(s.account()), Seals.events(s.account()), MARGIN);
    }

    private void sql(String statement, Object... parameters) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            assertTrue(update.executeUpdate() > 0, statement);
        }
    }

    private long count(String query, Object... parameters) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (java.sql.ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void changedDetailsAreFoundByTheEventsProofAndByTheLogCheck() throws Exception {
        Sealed s = fiveSealedEvents("chg");
        sql("UPDATE audit.event SET details = '{\"before\":{\"lifecycle\":\"customer\"}}'::jsonb"
                + " WHERE account_id = ? AND event_id = ?", s.account(), "chg-2");
        List<String> problems = Verifier.event(s.keys(), s.head(), Seals.event(s.account(), "chg-2"),
                Seals.proof(s.account(), "chg-2", 5));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("event chg-2: its content does not match leaf 1"), problems.get(0));
        assertEquals(List.of("event chg-2 (leaf 1): its content does not match its sealed leaf: changed after it was"
                + " sealed"), check(s));
        assertEquals(List.of(), Verifier.event(s.keys(), s.head(), Seals.event(s.account(), "chg-3"),
                Seals.proof(s.account(), "chg-3", 5)), "the other events still verify");
    }

    @Test
    void aDeletedEventIsNamed() throws Exception {
        Sealed s = fiveSealedEvents("del");
        sql("DELETE FROM audit.event WHERE account_id = ? AND event_id = ?", s.account(), "del-3");
        assertEquals(List.of("event del-3 (leaf 2): missing from the log: deleted after it was sealed"), check(s));
    }

    @Test
    void aForgedEventInsertedWithAnEarlierTimeIsNamed() throws Exception {
        Sealed s = fiveSealedEvents("ins");
        sql("INSERT INTO audit.event (account_id, event_id, occurred_at, recorded_at, category, subcategory, action,"
                + " actor_id, actor_type) VALUES (?, 'ins-forged', now() - interval '45 minutes',"
                + " now() - interval '45 minutes', 'LOGIN', 'LOGIN_SUCCEEDED', 'LOGIN', 'u-42', 'USER')", s.account());
        sql("INSERT INTO audit.event_key (account_id, event_id, occurred_at) SELECT account_id, event_id, occurred_at"
                + " FROM audit.event WHERE account_id = ? AND event_id = 'ins-forged'", s.account());
        List<String> problems = check(s);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("event ins-forged: recorded at "), problems.get(0));
        assertTrue(problems.get(0).endsWith("but not in it: put into the log afterwards"), problems.get(0));
        // The sealer appends it like any new event: after the kept head, where its proof says so.
        TreeHead six = Seals.sealedUpTo(s.account(), 6, sealer, signer);
        as(Tokens.admin(s.account())).get("/api/v1/events/ins-forged/proof?treeSize=5").then().statusCode(409);
        assertEquals(List.of(), Verifier.event(s.keys(), six, Seals.event(s.account(), "ins-forged"),
                Seals.proof(s.account(), "ins-forged", 6)), "sealed later, it is in the later tree");
    }

    @Test
    void twoEventsReorderedAreBothNamed() throws Exception {
        Sealed s = fiveSealedEvents("ord");
        // Swap the times of two events, so the log lists them the other way round.
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement swap = connection.prepareStatement("""
                    WITH pair AS (SELECT event_id, occurred_at, recorded_at FROM audit.event
                                   WHERE account_id = ? AND event_id IN ('ord-2', 'ord-4'))
                    UPDATE audit.event e SET occurred_at = o.occurred_at, recorded_at = o.recorded_at
                      FROM pair o WHERE e.account_id = ? AND e.event_id IN ('ord-2', 'ord-4')
                       AND o.event_id <> e.event_id""")) {
                swap.setString(1, s.account());
                swap.setString(2, s.account());
                assertEquals(2, swap.executeUpdate());
            }
            connection.commit();
        }
        assertEquals(List.of("event ord-2 (leaf 1): its content does not match its sealed leaf: changed after it was sealed",
                "event ord-4 (leaf 3): its content does not match its sealed leaf: changed after it was sealed"), check(s));
    }

    @Test
    void aTruncatedTailIsNamedAndARegrownTreeIsNotConsistentWithTheKeptHead() throws Exception {
        Sealed s = fiveSealedEvents("cut");
        sql("DELETE FROM audit.event WHERE account_id = ? AND event_id IN ('cut-4', 'cut-5')", s.account());
        assertEquals(List.of("event cut-4 (leaf 3): missing from the log: deleted after it was sealed",
                "event cut-5 (leaf 4): missing from the log: deleted after it was sealed"), check(s));

        // A careful forger also cuts the seal tables back and lets the tree grow again to the kept size.
        // A tree of 5 leaves stores no node (levels below SealRepository.LOWEST_STORED_LEVEL are hashed from their
        // leaves), so cutting the leaves cuts the tree.
        assertEquals(0L, count("SELECT count(*) FROM audit.seal_node WHERE account_id = ?", s.account()));
        sql("DELETE FROM audit.seal_leaf WHERE account_id = ? AND leaf_index >= 3", s.account());
        sql("UPDATE audit.seal_tree SET tree_size = 3 WHERE account_id = ?", s.account());
        sql("DELETE FROM audit.seal_tree_head WHERE account_id = ?", s.account());
        record(s.account(), List.of(Events.login("cut-6", 5, true), Events.login("cut-7", 4, true)));
        TreeHead regrown = Seals.sealedUpTo(s.account(), 5, sealer, signer);
        JsonNode proof = Seals.json(as(Tokens.admin(s.account())).get("/api/v1/integrity/consistency?from=5&to=5")
                .then().statusCode(200).extract().asString());
        List<String> problems = Verifier.consistency(s.keys(), s.head(), regrown, proof);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("does not extend the tree head of size 5"), problems.get(0));
        List<String> log = check(s);
        assertTrue(log.contains("the leaves do not make the signed root of " + describe(s.head())
                + ": the sealed leaves were changed"), log.toString());
    }

    private static String describe(TreeHead head) {
        return "the tree head of size " + head.treeSize() + " (account " + head.accountId() + ", " + head.issuedAt() + ")";
    }
}
