package io.auditlog.integrity.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.integrity.CanonicalJson;
import io.auditlog.integrity.EventLeaf;
import io.auditlog.integrity.Frontier;
import io.auditlog.integrity.Hashes;
import io.auditlog.integrity.Jwks;
import io.auditlog.integrity.Merkle;
import io.auditlog.integrity.TreeHead;

/** The command as a customer runs it, on files shaped as the API serves them. */
class VerifyCommandTest {

    @TempDir
    Path dir;

    final KeyPair key = Ed25519Keys();
    final List<String> events = new ArrayList<>();
    final Map<String, byte[]> nodes = new HashMap<>();
    final List<TreeHead> heads = new ArrayList<>();

    static KeyPair Ed25519Keys() {
        return io.auditlog.integrity.Ed25519Keys.generate();
    }

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String file(String name, String content) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path.toString();
    }

    /** Ten events of account acme, sealed as the service seals them; heads at sizes 4 and 10. */
    @BeforeEach
    void log() {
        Frontier frontier = Frontier.empty();
        for (int i = 0; i < 10; i++) {
            String event = "{\"id\":\"e-" + i + "\",\"accountId\":\"acme\",\"occurredAt\":\"2026-11-20T10:0" + i
                    + ":00Z\",\"recordedAt\":\"2026-11-20T10:0" + i + ":01.5Z\",\"category\":\"LOGIN\",\"action\":\"LOGIN\","
                    + "\"actor\":{\"id\":\"u-" + i + "\"},\"details\":{\"n\":" + i + "}}";
            events.add(event);
            for (Frontier.Node node : frontier.append(EventLeaf.leafHash(CanonicalJson.parse(event)))) {
                nodes.put(node.level() + "/" + node.index(), node.hash());
            }
            if (frontier.size() == 4 || frontier.size() == 10) {
                heads.add(TreeHead.sign("acme", frontier.size(), frontier.root(), "2026-11-20T11:00:0" + heads.size() + "Z",
                        "k1", key.getPrivate()));
            }
        }
    }

    Merkle.NodeSource source() {
        return (level, index) -> nodes.get(level + "/" + index);
    }

    String keys() throws Exception {
        return file("keys.json", Jwks.set(Map.of("k1", key.getPublic())).toString());
    }

    String proof(int index, TreeHead head) {
        ObjectNode proof = JsonNodeFactory.instance.objectNode();
        proof.put("eventId", "e-" + index);
        proof.put("leafIndex", index);
        proof.put("leafHash", Hashes.base64(nodes.get("0/" + index)));
        proof.set("treeHead", head.toJson());
        proof.set("inclusionProof", Hashes.base64List(Merkle.inclusionProof(index, head.treeSize(), source())));
        return proof.toString();
    }

    @Test
    void anEventWithItsProofVerifies() throws Exception {
        Run ok = run("verify-event", "--keys", keys(), "--tree-head", file("head.json", heads.get(1).toJson().toString()),
                "--event", file("e.json", events.get(6)), "--proof", file("p.json", proof(6, heads.get(1))));
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("OK: event e-6 verified\n", ok.out());
    }

    @Test
    void aChangedEventFailsNamingIt() throws Exception {
        Run changed = run("verify-event", "--keys", keys(), "--tree-head", file("head.json", heads.get(1).toJson().toString()),
                "--event", file("e.json", events.get(6).replace("{\"n\":6}", "{\"n\":7}")), "--proof",
                file("p.json", proof(6, heads.get(1))));
        assertEquals(1, changed.exit());
        assertTrue(changed.err().startsWith("FAILED: event e-6: its content does not match leaf 6 sealed for it"),
                changed.err());
    }

    @Test
    void aHeadNotSignedByAPublishedKeyFails() throws Exception {
        TreeHead head = heads.get(1);
        TreeHead forged = TreeHead.sign("acme", head.treeSize(), head.rootHash(), head.issuedAt(), "k1",
                Ed25519Keys().getPrivate());
        Run run = run("verify-event", "--keys", keys(), "--tree-head", file("head.json", forged.toJson().toString()),
                "--event", file("e.json", events.get(2)), "--proof", file("p.json", proof(2, forged)));
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("the signature does not verify with key k1"), run.err());
    }

    @Test
    void consistencyOfTwoSavedHeads() throws Exception {
        ObjectNode proof = JsonNodeFactory.instance.objectNode();
        proof.set("consistencyProof", Hashes.base64List(Merkle.consistencyProof(4, 10, source())));
        Run ok = run("verify-consistency", "--keys", keys(), "--from", file("h4.json", heads.get(0).toJson().toString()),
                "--to", file("h10.json", heads.get(1).toJson().toString()), "--proof", file("c.json", proof.toString()));
        assertEquals(0, ok.exit(), ok.err());

        // A history rewritten before leaf 4: the later head no longer extends the earlier one.
        nodes.put("0/1", Merkle.leafHash("forged".getBytes(StandardCharsets.UTF_8)));
        nodes.put("1/0", Merkle.nodeHash(nodes.get("0/0"), nodes.get("0/1")));
        nodes.put("2/0", Merkle.nodeHash(nodes.get("1/0"), nodes.get("1/1")));
        nodes.put("3/0", Merkle.nodeHash(nodes.get("2/0"), nodes.get("2/1")));
        TreeHead rewritten = TreeHead.sign("acme", 10, Merkle.root(10, source()), "2026-11-20T12:00:00Z", "k1",
                key.getPrivate());
        proof.set("consistencyProof", Hashes.base64List(Merkle.consistencyProof(4, 10, source())));
        Run bad = run("verify-consistency", "--keys", keys(), "--from", file("h4.json", heads.get(0).toJson().toString()),
                "--to", file("r.json", rewritten.toJson().toString()), "--proof", file("c.json", proof.toString()));
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("does not extend the tree head of size 4"), bad.err());
    }

    @Test
    void aWholeLogVerifiesAndADeletedEventIsNamed() throws Exception {
        StringBuilder leaves = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            leaves.append("{\"leafIndex\":").append(i).append(",\"eventId\":\"e-").append(i).append("\",\"leafHash\":\"")
                    .append(Hashes.base64(nodes.get("0/" + i))).append("\"}\n");
        }
        String head = file("head.json", heads.get(1).toJson().toString());
        String leafFile = file("leaves.ndjson", leaves.toString());
        Run ok = run("verify-log", "--keys", keys(), "--tree-head", head, "--leaves", leafFile, "--events",
                file("events.ndjson", String.join("\n", events)));
        assertEquals(0, ok.exit(), ok.err());
        List<String> without = new ArrayList<>(events);
        without.remove(3);
        Run bad = run("verify-log", "--keys", keys(), "--tree-head", head, "--leaves", leafFile, "--events",
                file("events2.ndjson", String.join("\n", without)));
        assertEquals(1, bad.exit());
        assertEquals("FAILED: event e-3 (leaf 3): missing from the log: deleted after it was sealed\n", bad.err());
    }

    @Test
    void unusableInputIsExit2WithTheReason() throws Exception {
        Run none = run();
        assertEquals(2, none.exit());
        Run missing = run("verify-event", "--keys", keys());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--event is required"), missing.err());
        Run notJson = run("verify-event", "--keys", file("k.json", "nope"), "--tree-head", "x", "--event", "y",
                "--proof", "z");
        assertEquals(2, notJson.exit());
        assertTrue(notJson.err().contains("y cannot be read"), notJson.err());
    }
}
