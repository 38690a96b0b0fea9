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
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.integrity.Ed25519Keys;

/** verify-report on a report made offline (three files, chunks across them), intact and tampered with. */
class VerifyReportTest {

    static final String FILE_2 = "audit-log-" + ReportFixture.EXPORT + "-2.ndjson";

    @TempDir
    Path dir;

    final KeyPair key = Ed25519Keys.generate();
    Path manifest;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void report() throws Exception {
        manifest = ReportFixture.write(dir, 250, 100, 40, key);
    }

    Run verify() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = VerifyCommand.run(new String[] { "verify-report", "--keys", dir.resolve("keys.json").toString(),
                "--manifest", manifest.toString() }, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> lines(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    void assertFailed(Run run, String... expected) {
        assertEquals(1, run.exit(), run.out() + run.err());
        for (String text : expected) {
            assertTrue(run.err().contains(text), "expected \"" + text + "\" in:\n" + run.err());
        }
        run.err().lines().forEach(line -> assertTrue(line.startsWith("FAILED: "), line));
    }

    @Test
    void anIntactReportVerifies() {
        Run run = verify();
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("OK: report " + ReportFixture.EXPORT + " (250 rows in 3 files"), run.out());
    }

    @Test
    void aChangedRowIsNamedWithItsFileRowAndEvent() throws Exception {
        List<String> rows = lines(dir.resolve(FILE_2));
        rows.set(6, rows.get(6).replace("\"permission\":\"view\"", "\"permission\":\"edit\""));
        Files.write(dir.resolve(FILE_2), rows, StandardCharsets.UTF_8);
        Run run = verify();
        assertFailed(run, "file " + FILE_2 + " row 7 event evt-106: its content does not match leaf 106",
                "file " + FILE_2 + ": its SHA-256 is");
        assertEquals(2, run.err().lines().count(), run.err()); // the size is the same, the rows too
    }

    @Test
    void aRemovedRowIsNamedOnceAndTheRowsAfterItStillMatch() throws Exception {
        List<String> rows = lines(dir.resolve(FILE_2));
        rows.remove(30); // in the first chunk of file 2 (rows 1..40)
        Files.write(dir.resolve(FILE_2), rows, StandardCharsets.UTF_8);
        Run run = verify();
        assertFailed(run, "file " + FILE_2 + " row 31 event evt-130: missing from the file",
                "file " + FILE_2 + ": 99 rows, the manifest says 100");
        assertTrue(run.err().lines().noneMatch(l -> l.contains("does not match") || l.contains("not in the proof")),
                run.err());
    }

    @Test
    void anAddedRowIsNamed() throws Exception {
        List<String> rows = lines(dir.resolve(FILE_2));
        rows.add(50, ReportFixture.event(100_000));
        Files.write(dir.resolve(FILE_2), rows, StandardCharsets.UTF_8);
        assertFailed(verify(), "file " + FILE_2 + " row 51 event evt-100000: not in the proof");
    }

    @Test
    void aChangedManifestOrOneSignedByAnotherKeyIsRefused() throws Exception {
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replace("2026-11-01T00:00:00Z", "2026-10-01T00:00:00Z"));
        assertFailed(verify(), "manifest: the signature does not verify with key audit-1");

        Files.writeString(manifest, text);
        assertEquals(0, verify().exit());
        ReportFixture.write(dir, 250, 100, 40, key, Ed25519Keys.generate());
        assertFailed(verify(), "manifest: the signature does not verify with key audit-1");
    }

    @Test
    void aTreeHeadIsNoManifestAndAManifestIsNoTreeHead() throws Exception {
        JsonNode signed = ReportFixture.JSON.readTree(manifest.toFile());
        Files.writeString(manifest, ReportFixture.JSON.writeValueAsString(signed.get("treeHead")));
        assertFailed(verify(), "its format is \"auditlog-tree-head-v1\", not auditlog-report-manifest-v1");

        // The manifest in the place of its head: the head's format check refuses it.
        ObjectNode swapped = signed.deepCopy();
        swapped.set("treeHead", signed);
        Files.writeString(manifest, ReportFixture.JSON.writeValueAsString(swapped));
        assertFailed(verify(), "its treeHead is not a tree head: format is not auditlog-tree-head-v1");
    }

    @Test
    void aChangedProofIsNamedByItsChunk() throws Exception {
        Path proof = dir.resolve("audit-log-" + ReportFixture.EXPORT + "-proof.json");
        List<String> lines = lines(proof);
        JsonNode chunk = ReportFixture.JSON.readTree(lines.get(2).substring(0, lines.get(2).length() - 1));
        String node = chunk.get("nodes").get(0).asText();
        String other = (node.charAt(0) == 'A' ? "B" : "A") + node.substring(1);
        lines.set(2, lines.get(2).replace(node, other));
        Files.write(proof, lines, StandardCharsets.UTF_8);
        assertFailed(verify(), "proof chunk 2 (file audit-log-" + ReportFixture.EXPORT + "-1.ndjson rows 41 to 80): "
                + "its sealed leaves and nodes do not make the signed root", "-proof.json: its SHA-256 is");
    }

    @Test
    void unusableInputIsExit2() throws Exception {
        assertEquals(2, VerifyCommand.run(new String[] { "verify-report", "--keys", dir.resolve("keys.json")
                .toString() }, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
        Files.writeString(manifest, "not json");
        assertEquals(2, verify().exit());
    }
}
