package io.auditlog.integrity.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

import io.auditlog.integrity.CanonicalJson;
import io.auditlog.integrity.Hashes;
import io.auditlog.integrity.Multiproof;
import io.auditlog.integrity.ReportManifest;
import io.auditlog.integrity.TreeHead;
import io.auditlog.integrity.Verifier;

/**
 * {@code verify-report}: a whole report against its signed manifest. The manifest's signature and its tree head's
 * against the published keys; each file's size, SHA-256 and rows; and for an NDJSON report every row's leaf against
 * the sealed leaf hash its proof lists, and each proof chunk's multiproof against the head's root. CSV rows are a
 * projection of the events, so CSV files are covered by their hashes alone. Rows are streamed chunk by chunk (the
 * proof's chunks) and hashed on every core, so a report of millions of rows is never held whole.
 */
final class ReportCheck {

    /** Beyond this many problems the rest are counted, not listed: a replaced file would name every row. */
    static final int MAX_LISTED = 1000;

    /** Reads one value of the proof at a time (the canonical reader refuses anything after a whole document). */
    private static final ObjectReader TREE = CanonicalJson.reader().readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Map<String, PublicKey> keys;
    private final JsonNode manifest;
    private final Path dir;
    private final List<String> problems = new ArrayList<>();
    private long unlisted;
    private final Map<Integer, JsonNode> filesByNumber = new LinkedHashMap<>();
    /** Each proof chunk's multiproof check, in chunk order: null when it holds, else the problem. */
    private final List<CompletableFuture<String>> proofChecks = new ArrayList<>();

    ReportCheck(Map<String, PublicKey> keys, JsonNode manifest, Path dir) {
        this.keys = keys;
        this.manifest = manifest;
        this.dir = dir;
    }

    /** Every problem found, one line each; none: the report is verified. */
    List<String> run() throws VerifyCommand.UsageException {
        List<String> signature = ReportManifest.verify(keys, manifest);
        signature.forEach(this::problem);
        if (!ReportManifest.FORMAT.equals(manifest.path("format").asText())) {
            return result(); // not a manifest at all: nothing in it can be trusted to name files
        }
        TreeHead head = head();
        manifest.path("files").forEach(f -> filesByNumber.put(f.path("number").asInt(), f));
        boolean ndjson = "ndjson".equals(manifest.path("request").path("format").asText());
        long rows = 0;
        if (ndjson) {
            rows = ndjson(head);
        } else {
            for (JsonNode file : filesByNumber.values()) {
                FileTally tally = FileTally.of(file);
                Path path = path(file.path("name").asText());
                if (path != null) {
                    try (InputStream in = Files.newInputStream(path)) {
                        tally.countCsv(in);
                    } catch (IOException e) {
                        throw new VerifyCommand.UsageException("file " + path + " cannot be read: " + e.getMessage());
                    }
                    compare(tally);
                    rows += tally.rows;
                }
            }
        }
        if (rows != manifest.path("rows").asLong(-1) && problems.isEmpty()) {
            problem("manifest: " + manifest.path("rows").asText() + " rows, its files hold " + rows);
        }
        return result();
    }

    private List<String> result() {
        List<String> out = new ArrayList<>(problems);
        if (unlisted > 0) {
            out.add("... and " + unlisted + " more problems not listed");
        }
        return out;
    }

    void problem(String text) {
        if (problems.size() < MAX_LISTED) {
            problems.add(text);
        } else {
            unlisted++;
        }
    }

    private TreeHead head() {
        JsonNode json = manifest.get("treeHead");
        if (json == null || json.isNull()) {
            if (manifest.path("rows").asLong() > 0) {
                problem("manifest: it has no tree head, yet rows");
            }
            return null;
        }
        try {
            TreeHead head = TreeHead.fromJson(json);
            Verifier.head(keys, head).forEach(p -> problem("manifest: " + p));
            if (!head.accountId().equals(manifest.path("accountId").asText())) {
                problem("manifest: its tree head is account " + head.accountId() + "'s, the report account "
                        + manifest.path("accountId").asText() + "'s");
            }
            return head;
        } catch (IllegalArgumentException e) {
            problem("manifest: its treeHead is not a tree head: " + e.getMessage());
            return null;
        }
    }

    /** The file a manifest names, in the report's folder; a missing file is a problem, a path outside it refused. */
    Path path(String name) throws VerifyCommand.UsageException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new VerifyCommand.UsageException("the manifest names a file \"" + name + "\" outside its folder");
        }
        Path path = dir.resolve(name);
        if (!Files.isRegularFile(path)) {
            problem("file " + name + ": missing from " + dir);
            return null;
        }
        return path;
    }

    void compare(FileTally tally) {
        String name = tally.name;
        if (tally.bytes != tally.expectedBytes) {
            problem("file " + name + ": " + tally.bytes + " bytes, the manifest says " + tally.expectedBytes);
        }
        String sha = HexFormat.of().formatHex(tally.digest.digest());
        if (!sha.equals(tally.expectedSha256)) {
            problem("file " + name + ": its SHA-256 is " + sha + ", the manifest says " + tally.expectedSha256
                    + ": the file was changed after the report was signed");
        }
        if (tally.expectedRows >= 0 && tally.rows != tally.expectedRows) {
            problem("file " + name + ": " + tally.rows + " rows, the manifest says " + tally.expectedRows);
        }
    }

    /** The proof file and every row of every file against it; answers the rows read. */
    private long ndjson(TreeHead head) throws VerifyCommand.UsageException {
        JsonNode proof = manifest.get("proof");
        if (proof == null || !proof.isObject()) {
            problem("manifest: an NDJSON report without its proof file");
            return 0;
        }
        Path proofPath = path(proof.path("name").asText());
        if (proofPath == null) {
            return 0;
        }
        FileTally proofTally = new FileTally(proof.path("name").asText(), proof.path("bytes").asLong(),
                proof.path("sha256").asText(), -1);
        RowStreams rows = new RowStreams(this);
        try (InputStream raw = Files.newInputStream(proofPath);
                DigestInputStream in = new DigestInputStream(raw, proofTally.digest);
                JsonParser parser = CanonicalJson.reader().getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new VerifyCommand.UsageException("the proof " + proofPath + " is not a JSON object");
            }
            int chunkNo = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if ("chunks".equals(field) && parser.currentToken() == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode chunk = TREE.readValue(parser);
                        chunk(++chunkNo, chunk, head, rows);
                    }
                } else {
                    JsonNode value = TREE.readValue(parser);
                    header(field, value, head);
                }
            }
            in.transferTo(java.io.OutputStream.nullOutputStream()); // the rest counts toward the file's hash
            proofTally.bytes = Files.size(proofPath);
        } catch (IOException e) {
            throw new VerifyCommand.UsageException("the proof " + proofPath + " cannot be read: " + e.getMessage());
        }
        compare(proofTally);
        long read = rows.finish(filesByNumber);
        for (CompletableFuture<String> check : proofChecks) {
            String problem = check.join();
            if (problem != null) {
                problem(problem);
            }
        }
        return read;
    }

    private void header(String field, JsonNode value, TreeHead head) {
        switch (field) {
            case "format" -> {
                if (!ReportManifest.PROOF_FORMAT.equals(value.asText())) {
                    problem("proof: its format is \"" + value.asText() + "\", not " + ReportManifest.PROOF_FORMAT);
                }
            }
            case "exportId" -> {
                if (!value.asText().equals(manifest.path("exportId").asText())) {
                    problem("proof: it is export " + value.asText() + "'s, the manifest export "
                            + manifest.path("exportId").asText() + "'s");
                }
            }
            case "treeSize", "rootHash" -> {
                String expected = head == null ? "null" : "treeSize".equals(field) ? String.valueOf(head.treeSize())
                        : Hashes.base64(head.rootHash());
                if (!expected.equals(value.isNull() ? "null" : value.asText())) {
                    problem("proof: its " + field + " is " + value.asText() + ", the manifest's tree head has "
                            + expected);
                }
            }
            default -> {
                // accountId, and members a later version may add
            }
        }
    }

    /** One proof chunk: its rows against the files, its leaves against the head's root. */
    private void chunk(int number, JsonNode chunk, TreeHead head, RowStreams rows) throws VerifyCommand.UsageException {
        int file = chunk.path("file").asInt();
        long firstRow = chunk.path("firstRow").asLong();
        JsonNode ids = chunk.path("eventIds");
        JsonNode indexes = chunk.path("leafIndexes");
        JsonNode hashes = chunk.path("leafHashes");
        JsonNode fileJson = filesByNumber.get(file);
        String where = "proof chunk " + number + " (file " + (fileJson == null ? "#" + file
                : fileJson.path("name").asText()) + " rows " + firstRow + " to " + (firstRow + ids.size() - 1) + ")";
        if (fileJson == null || !ids.isArray() || indexes.size() != ids.size() || hashes.size() != ids.size()) {
            problem(where + ": malformed (its file is not in the manifest, or its lists differ in length)");
            return;
        }
        List<byte[]> sealed;
        List<byte[]> nodes;
        try {
            sealed = Hashes.fromBase64List(hashes, "leafHashes");
            nodes = Hashes.fromBase64List(chunk.path("nodes"), "nodes");
        } catch (IllegalArgumentException e) {
            problem(where + ": malformed: " + e.getMessage());
            return;
        }
        String name = fileJson.path("name").asText();
        RowStreams.Batch batch = rows.next(fileJson, ids.size());
        TreeMap<Long, byte[]> leaves = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i).asText();
            long index = indexes.get(i).asLong();
            RowStreams.Row row = batch == null ? null : batch.take(id);
            if (batch == null) {
                // the file is missing: said once, not for every row
            } else if (row == null) {
                problem("file " + name + " row " + (firstRow + i) + " event " + id
                        + ": missing from the file, which the proof lists: removed after the report was signed");
            } else if (row.leafHash() == null) {
                problem("file " + name + " row " + row.number() + " event " + id + ": not an event: " + row.error());
            } else if (!MessageDigest.isEqual(row.leafHash(), sealed.get(i))) {
                problem("file " + name + " row " + row.number() + " event " + id + ": its content does not match leaf "
                        + index + " sealed for it (leaf hash " + Hashes.base64(row.leafHash()) + ", sealed "
                        + Hashes.base64(sealed.get(i)) + "): changed after it was sealed");
            }
            byte[] before = leaves.put(index, sealed.get(i));
            if (before != null && !MessageDigest.isEqual(before, sealed.get(i))) {
                problem(where + ": leaf " + index + " is listed with two hashes");
            }
        }
        if (batch != null) {
            batch.leftovers().forEach(row -> problem("file " + name + " row " + row.number() + " event " + row.id()
                    + ": not in the proof: put into the report after it was signed"));
        }
        if (head == null) {
            problem(where + ": the manifest has no tree head to prove its rows against");
            return;
        }
        long[] sorted = leaves.keySet().stream().mapToLong(Long::longValue).toArray();
        List<byte[]> sealedLeaves = new ArrayList<>(leaves.values());
        // On the hashing threads, beside the next chunk's rows; its outcome is said in chunk order at the end.
        proofChecks.add(RowStreams.compute(() -> Multiproof.verify(sorted, sealedLeaves, head.treeSize(), nodes,
                head.rootHash()) ? null : where + ": its sealed leaves and nodes do not make the signed root of the tree"
                        + " head of size " + head.treeSize() + ": the proof was changed, or its leaves are not in the log"));
    }

    /** A file's bytes, SHA-256 and rows as read, and what the manifest says of them. */
    static final class FileTally {
        final String name;
        final long expectedBytes;
        final String expectedSha256;
        final long expectedRows;
        final MessageDigest digest = sha256();
        long bytes;
        long rows;

        FileTally(String name, long expectedBytes, String expectedSha256, long expectedRows) {
            this.name = name;
            this.expectedBytes = expectedBytes;
            this.expectedSha256 = expectedSha256;
            this.expectedRows = expectedRows;
        }

        static FileTally of(JsonNode file) {
            return new FileTally(file.path("name").asText(), file.path("bytes").asLong(-1),
                    file.path("sha256").asText(), file.path("rows").asLong(-1));
        }

        /** CSV records end at a line feed outside quotes (RFC 4180 doubles a quote inside one); the first is the header. */
        void countCsv(InputStream in) throws IOException {
            byte[] buffer = new byte[1 << 16];
            boolean quoted = false;
            long records = 0;
            byte last = '\n';
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                bytes += n;
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '"') {
                        quoted = !quoted;
                    } else if (b == '\n' && !quoted) {
                        records++;
                    }
                }
                last = buffer[n - 1];
            }
            if (last != '\n') {
                records++;
            }
            rows = Math.max(0, records - 1);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
