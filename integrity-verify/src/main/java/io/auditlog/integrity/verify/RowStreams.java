package io.auditlog.integrity.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.integrity.EventLeaf;

/**
 * The rows of an NDJSON report's files, read in order as the proof's chunks ask for them, each parsed and hashed
 * to its leaf on every core. The files' bytes, SHA-256 and rows are tallied on the way. A row is matched to the
 * proof by its event id within its chunk and the next: a removed row leaves its chunk one short, and the rows after
 * it are found one chunk later instead of each being reported.
 */
final class RowStreams {

    /** A row: its number in its file, its event id and leaf hash, or why it has none. */
    record Row(long number, String id, byte[] leafHash, String error) {
    }

    /** The rows read for one chunk, with those left over from the chunk before. */
    final class Batch {
        private final Map<String, ArrayDeque<Row>> earlier;
        private final Map<String, ArrayDeque<Row>> fresh;

        Batch(Map<String, ArrayDeque<Row>> earlier, Map<String, ArrayDeque<Row>> fresh) {
            this.earlier = earlier;
            this.fresh = fresh;
        }

        /** The row of this event (the earliest unmatched), or null. */
        Row take(String id) {
            Row row = poll(earlier, id);
            return row != null ? row : poll(fresh, id);
        }

        /** The rows left from the chunk before, unmatched twice: not in the proof. This batch's rest waits a chunk. */
        List<Row> leftovers() {
            List<Row> out = new ArrayList<>();
            earlier.values().forEach(out::addAll);
            carried = fresh;
            return out;
        }

        private Row poll(Map<String, ArrayDeque<Row>> rows, String id) {
            ArrayDeque<Row> same = rows.get(id);
            if (same == null) {
                return null;
            }
            Row row = same.poll();
            if (same.isEmpty()) {
                rows.remove(id);
            }
            return row;
        }
    }

    private final ReportCheck check;
    private final Set<Integer> opened = new HashSet<>();
    private Map<String, ArrayDeque<Row>> carried = new LinkedHashMap<>();
    private JsonNode file;
    private ReportCheck.FileTally tally;
    private DigestInputStream in;
    private ByteLines reader;
    private long rowNo;
    private long rows;

    RowStreams(ReportCheck check) {
        this.check = check;
    }

    /** The next {@code count} rows of {@code fileJson} (fewer at its end); null when the file is missing. */
    Batch next(JsonNode fileJson, int count) throws VerifyCommand.UsageException {
        int number = fileJson.path("number").asInt();
        if (file == null || file.path("number").asInt() != number) {
            close();
            open(fileJson);
        }
        if (reader == null) {
            return null;
        }
        // Rows are handed to the hashing threads in slices as they are read, so reading (and the file's own
        // SHA-256) overlaps with hashing the rows before.
        List<CompletableFuture<List<Row>>> slices = new ArrayList<>();
        List<byte[]> slice = new ArrayList<>(SLICE);
        int read = 0;
        try {
            for (byte[] line = count > 0 ? reader.next() : null; line != null; line = reader.next()) {
                slice.add(line);
                read++;
                if (slice.size() == SLICE || read == count) {
                    slices.add(submit(slice, rowNo + read - slice.size() + 1));
                    slice = new ArrayList<>(SLICE);
                }
                if (read == count) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new VerifyCommand.UsageException("file " + tally.name + " cannot be read: " + e.getMessage());
        }
        if (!slice.isEmpty()) {
            slices.add(submit(slice, rowNo + read - slice.size() + 1));
        }
        rowNo += read;
        Map<String, ArrayDeque<Row>> fresh = new LinkedHashMap<>();
        for (CompletableFuture<List<Row>> hashed : slices) {
            for (Row row : hashed.join()) {
                fresh.computeIfAbsent(row.id(), k -> new ArrayDeque<>(1)).add(row); // an id is mostly once
            }
        }
        return new Batch(carried, fresh);
    }

    /** Closes the last file and checks every file no chunk reached; answers the rows of all files. */
    long finish(Map<Integer, JsonNode> files) throws VerifyCommand.UsageException {
        close();
        for (JsonNode other : files.values()) {
            if (!opened.contains(other.path("number").asInt())) {
                open(other);
                close();
            }
        }
        return rows;
    }

    private void open(JsonNode fileJson) throws VerifyCommand.UsageException {
        file = fileJson;
        opened.add(fileJson.path("number").asInt());
        tally = ReportCheck.FileTally.of(fileJson);
        rowNo = 0;
        carried = new LinkedHashMap<>();
        Path path = check.path(tally.name);
        if (path == null) {
            reader = null;
            return;
        }
        try {
            InputStream raw = Files.newInputStream(path);
            in = new DigestInputStream(raw, tally.digest);
            reader = new ByteLines(in);
        } catch (IOException e) {
            throw new VerifyCommand.UsageException("file " + path + " cannot be read: " + e.getMessage());
        }
    }

    /** Reads the rest of the current file (each row not in the proof), then checks its size, hash and rows. */
    private void close() throws VerifyCommand.UsageException {
        if (file == null || reader == null) {
            file = null;
            return;
        }
        List<Row> rest = new ArrayList<>();
        carried.values().forEach(rest::addAll);
        try {
            List<byte[]> lines = new ArrayList<>();
            for (byte[] line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
                if (lines.size() == 10_000) {
                    rest.addAll(hash(lines, rowNo + 1));
                    rowNo += lines.size();
                    lines.clear();
                }
            }
            rest.addAll(hash(lines, rowNo + 1));
            rowNo += lines.size();
            tally.bytes = Files.size(check.path(tally.name));
            reader.close();
        } catch (IOException e) {
            throw new VerifyCommand.UsageException("file " + tally.name + " cannot be read: " + e.getMessage());
        }
        for (Row row : rest) {
            check.problem("file " + tally.name + " row " + row.number() + " event " + row.id()
                    + ": not in the proof: put into the report after it was signed");
        }
        tally.rows = rowNo;
        rows += rowNo;
        check.compare(tally);
        file = null;
        reader = null;
    }

    private static final int SLICE = 500;

    /** One hashing thread per core; the reading thread mostly waits on the disk and the file's digest. */
    private static final ExecutorService HASHERS = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), runnable -> {
                Thread thread = new Thread(runnable, "verify-report-hash");
                thread.setDaemon(true);
                return thread;
            });

    /** Runs {@code work} on the hashing threads. */
    static <T> CompletableFuture<T> compute(java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, HASHERS);
    }

    private static CompletableFuture<List<Row>> submit(List<byte[]> lines, long firstNumber) {
        return CompletableFuture.supplyAsync(() -> {
            List<Row> out = new ArrayList<>(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                out.add(row(lines.get(i), firstNumber + i));
            }
            return out;
        }, HASHERS);
    }

    private static Row row(byte[] line, long number) {
        try {
            EventLeaf.Leaf leaf = EventLeaf.leafOf(line, 0, line.length);
            return new Row(number, leaf.id(), leaf.hash(), null);
        } catch (IllegalArgumentException e) {
            return new Row(number, "?", null, e.getMessage());
        }
    }

    /** Parses and hashes the rows on every core; a row that is no event keeps its reason. */
    private static List<Row> hash(List<byte[]> lines, long firstNumber) {
        List<Row> out = new ArrayList<>(lines.size());
        java.util.stream.IntStream.range(0, lines.size()).parallel()
                .mapToObj(i -> row(lines.get(i), firstNumber + i)).forEachOrdered(out::add);
        return out;
    }
}
