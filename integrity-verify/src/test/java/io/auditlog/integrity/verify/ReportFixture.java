package io.auditlog.integrity.verify;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.integrity.EventLeaf;
import io.auditlog.integrity.Frontier;
import io.auditlog.integrity.Hashes;
import io.auditlog.integrity.Jwks;
import io.auditlog.integrity.Merkle;
import io.auditlog.integrity.Multiproof;
import io.auditlog.integrity.ReportManifest;
import io.auditlog.integrity.TreeHead;

/**
 * An NDJSON report as the export-service writes it, made offline: events shaped as the audit-service serves them
 * (every leaf-version-1 field, plus links), sealed into a tree (every one of them, in report order, then a few later
 * ones), files of {@code rowsPerFile} rows, the proof in chunks of {@code chunkRows}, a manifest signed with
 * {@code key}, and keys.json. Used by the tests and, with {@code main}, to measure verify-report on a million rows.
 */
final class ReportFixture {

    static final String ACCOUNT = "acme-bench";
    static final String EXPORT = "0b5e3c1e-8a6f-4d57-9a31-7f7d2f0c1a11";
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code java ... ReportFixture DIR ROWS}: writes a report of ROWS rows into DIR as the export-service cuts it:
     * files of about 100 MB (105,000 rows of about 950 bytes), proof chunks of 10,000 rows.
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        write(dir, Integer.parseInt(args[1]), 105_000, 10_000, io.auditlog.integrity.Ed25519Keys.generate());
        System.out.println("report written to " + dir);
    }

    static String event(int i) {
        Instant at = Instant.parse("2026-11-01T00:00:00Z").plusMillis(i * 250L);
        return "{\"id\":\"evt-" + i + "\",\"accountId\":\""
                + ACCOUNT + "\",\"occurredAt\":\"" + at + "\",\"recordedAt\":\"" + at.plusMillis(40) + "\","
                + "\"category\":\"" + (i % 3 == 0 ? "LOGIN" : i % 3 == 1 ? "CONTENT" : "SECURITY") + "\","
                + "\"subcategory\":\"" + (i % 2 == 0 ? "LOGIN_SUCCEEDED" : "FILE_SHARED") + "\",\"action\":\""
                + (i % 2 == 0 ? "LOGIN" : "SHARE") + "\",\"actor\":{\"id\":\"u-" + (i % 500) + "\",\"email\":\"user"
                + (i % 500) + "@example.com\",\"name\":\"User " + (i % 500) + "\",\"type\":\"USER\",\"department\":"
                + "\"Sales\",\"teams\":[\"emea\",\"enterprise\"]},\"object\":{\"type\":\"FILE\",\"id\":\"f-" + i
                + "\",\"name\":\"Quarterly plan " + i + ".xlsx\",\"path\":\"/Shared/Plans/Quarterly plan " + i
                + ".xlsx\",\"itemType\":\"FILE\"},\"context\":{\"ip\":\"203.0.113." + (i % 250) + "\",\"userAgent\":"
                + "\"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15\","
                + "\"loginType\":\"SSO\",\"country\":\"DE\",\"region\":\"BE\",\"browser\":\"Safari 17.5\",\"os\":"
                + "\"macOS 14.5\",\"device\":\"Desktop\"},\"details\":{\"sharedWith\":\"partner@example.org\","
                + "\"permission\":\"view\",\"size\":" + (1000 + i) + "},\"links\":{\"self\":\"/api/v1/events/evt-" + i
                + "\"}}";
    }

    /** The report's files, in {@code dir}; answers the manifest's path. */
    static Path write(Path dir, int rows, int rowsPerFile, int chunkRows, KeyPair key) throws Exception {
        return write(dir, rows, rowsPerFile, chunkRows, key, key);
    }

    /** As {@link #write(Path, int, int, int, KeyPair)}, the manifest signed with {@code manifestKey}. */
    static Path write(Path dir, int rows, int rowsPerFile, int chunkRows, KeyPair key, KeyPair manifestKey)
            throws Exception {
        int size = rows + 5; // a few events recorded after the report's period
        Levels tree = new Levels(size);
        List<byte[]> leaves = new ArrayList<>(size);
        List<String> ids = new ArrayList<>(size);
        Frontier frontier = Frontier.empty();
        for (int i = 0; i < size; i++) {
            String line = event(i);
            byte[] leaf = EventLeaf.leafHash(JSON.readTree(line));
            leaves.add(leaf);
            ids.add(JSON.readTree(line).get("id").asText());
            for (Frontier.Node node : frontier.append(leaf)) {
                tree.put(node);
            }
        }
        TreeHead head = TreeHead.sign(ACCOUNT, size, frontier.root(), "2026-11-30T12:00:00.250Z", "audit-1",
                key.getPrivate());
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", ReportManifest.FORMAT);
        manifest.put("exportId", EXPORT);
        manifest.put("accountId", ACCOUNT);
        ObjectNode request = manifest.putObject("request");
        request.put("type", "audit-log").put("format", "ndjson").put("from", "2026-11-01T00:00:00Z")
                .put("to", "2026-11-30T00:00:00Z").put("timeZone", "Europe/Berlin");
        request.putObject("filters");
        request.putNull("viewId");
        manifest.put("completedAt", "2026-11-30T12:00:01.5Z");
        manifest.put("rows", rows);
        ArrayNode files = manifest.putArray("files");
        String proofName = "audit-log-" + EXPORT + "-proof.json";
        MessageDigest proofSha = MessageDigest.getInstance("SHA-256");
        try (OutputStream raw = Files.newOutputStream(dir.resolve(proofName));
                BufferedWriter proof = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(raw, proofSha),
                        StandardCharsets.UTF_8), 1 << 16)) {
            proof.write("{\"format\":\"" + ReportManifest.PROOF_FORMAT + "\",\"exportId\":\"" + EXPORT
                    + "\",\"accountId\":\"" + ACCOUNT + "\",\"treeSize\":" + size + ",\"rootHash\":\""
                    + Hashes.base64(head.rootHash()) + "\",\"chunks\":[");
            boolean first = true;
            for (int start = 0, number = 1; start < rows; start += rowsPerFile, number++) {
                int end = Math.min(rows, start + rowsPerFile);
                String name = "audit-log-" + EXPORT + "-" + number + ".ndjson";
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(dir.resolve(name)), sha);
                        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                                1 << 16)) {
                    for (int i = start; i < end; i++) {
                        writer.write(event(i));
                        writer.write('\n');
                    }
                }
                files.addObject().put("number", number).put("name", name).put("bytes", Files.size(dir.resolve(name)))
                        .put("rows", end - start).put("sha256", HexFormat.of().formatHex(sha.digest()));
                for (int c = start; c < end; c += chunkRows) {
                    int cEnd = Math.min(end, c + chunkRows);
                    ObjectNode chunk = JSON.createObjectNode();
                    chunk.put("file", number).put("firstRow", c - start + 1);
                    ArrayNode chunkIds = chunk.putArray("eventIds");
                    ArrayNode indexes = chunk.putArray("leafIndexes");
                    ArrayNode hashes = chunk.putArray("leafHashes");
                    long[] sorted = new long[cEnd - c];
                    for (int i = c; i < cEnd; i++) {
                        chunkIds.add(ids.get(i));
                        indexes.add(i);
                        hashes.add(Hashes.base64(leaves.get(i)));
                        sorted[i - c] = i;
                    }
                    chunk.set("nodes", Hashes.base64List(Multiproof.prove(sorted, size, tree)));
                    proof.write((first ? "\n" : ",\n") + JSON.writeValueAsString(chunk));
                    first = false;
                }
            }
            proof.write("\n]}\n");
        }
        manifest.putObject("proof").put("name", proofName).put("bytes", Files.size(dir.resolve(proofName)))
                .put("sha256", HexFormat.of().formatHex(proofSha.digest()));
        manifest.set("treeHead", head.toJson());
        ObjectNode signed = ReportManifest.sign(manifest, "audit-1", manifestKey.getPrivate());
        Path manifestPath = dir.resolve("audit-log-" + EXPORT + "-manifest.json");
        Files.writeString(manifestPath, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(signed));
        Files.writeString(dir.resolve("keys.json"), JSON.writeValueAsString(Jwks.set(Map.of("audit-1",
                key.getPublic()))));
        return manifestPath;
    }

    /** Every complete subtree of the tree, level by level (level 0: the leaves), in arrays. */
    static final class Levels implements Merkle.NodeSource {
        private final byte[][][] levels = new byte[64][][];

        Levels(long size) {
            for (int level = 0; (size >> level) > 0; level++) {
                levels[level] = new byte[(int) (size >> level)][];
            }
        }

        void put(Frontier.Node node) {
            levels[node.level()][(int) node.index()] = node.hash();
        }

        @Override
        public byte[] node(int level, long index) {
            return levels[level][(int) index];
        }
    }
}
