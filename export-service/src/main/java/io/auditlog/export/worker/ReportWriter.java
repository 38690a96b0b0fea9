package io.auditlog.export.worker;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.storage.ReportStore;

/**
 * Turns the audit-service's report stream into files of at most {@code maxFileBytes}, each a complete CSV with
 * its header (or NDJSON lines), stored chunk by chunk: nothing holds more than one chunk in memory. CSV is split
 * at record boundaries found by a CSV parser, never at a raw line break (a cell may hold one).
 */
final class ReportWriter {

    /** Told of progress now and then; answers false when the job is no longer this worker's. */
    interface Progress {
        boolean report(long rows, int files) throws Exception;
    }

    /** The worker lost the job (deleted, or taken over after a missed heartbeat). */
    static final class AttemptLost extends Exception {
        AttemptLost() {
            super("the job is no longer this attempt's");
        }
    }

    record Result(long rows, int files) {
    }

    private final ClaimedJob job;
    private final ReportStore store;
    private final long maxFileBytes;
    private final int chunkBytes;
    private final long progressEveryNanos;

    private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    private byte[] header = new byte[0];
    private int fileNo;
    private int chunkNo;
    private long fileRows;
    private long fileBytes;
    private long totalRows;

    ReportWriter(ClaimedJob job, ReportStore store, long maxFileBytes, int chunkBytes, long progressEveryNanos) {
        this.job = job;
        this.store = store;
        this.maxFileBytes = maxFileBytes;
        this.chunkBytes = chunkBytes;
        this.progressEveryNanos = progressEveryNanos;
    }

    Result write(InputStream body, Progress progress) throws Exception {
        long lastReport = System.nanoTime();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
            Iterator<byte[]> records = job.format() == ExportFormat.CSV ? csvRecords(reader) : lines(reader);
            while (records.hasNext()) {
                byte[] record = records.next();
                if (fileNo == 0 || (fileRows > 0 && fileBytes + record.length > maxFileBytes)) {
                    startFile();
                }
                append(record);
                fileRows++;
                totalRows++;
                if (System.nanoTime() - lastReport > progressEveryNanos) {
                    if (!progress.report(totalRows, fileNo)) {
                        throw new AttemptLost();
                    }
                    lastReport = System.nanoTime();
                }
            }
        }
        if (fileNo == 0) {
            startFile(); // an empty report is still a file with its header
        }
        finishFile();
        return new Result(totalRows, fileNo);
    }

    private Iterator<byte[]> csvRecords(BufferedReader reader) throws IOException {
        CSVParser parser = CSVFormat.RFC4180.parse(reader);
        Iterator<CSVRecord> records = parser.iterator();
        if (records.hasNext()) {
            header = encode(records.next());
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public byte[] next() {
                return encode(records.next());
            }
        };
    }

    private static Iterator<byte[]> lines(BufferedReader reader) {
        Iterator<String> lines = reader.lines().filter(line -> !line.isEmpty()).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public byte[] next() {
                return (lines.next() + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static byte[] encode(CSVRecord record) {
        StringBuilder out = new StringBuilder(256);
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
            printer.printRecord(record.values());
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringBuilder does not fail
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void startFile() {
        if (fileNo > 0) {
            finishFile();
        }
        fileNo++;
        chunkNo = 0;
        fileRows = 0;
        fileBytes = 0;
        String name = job.type().filePrefix() + "-" + job.id() + "-" + fileNo + "." + job.format().extension();
        store.createFile(job.id(), job.attempt(), fileNo, name);
        append(header);
    }

    private void append(byte[] bytes) {
        chunk.writeBytes(bytes);
        fileBytes += bytes.length;
        if (chunk.size() >= chunkBytes) {
            flushChunk();
        }
    }

    private void flushChunk() {
        if (chunk.size() > 0) {
            store.appendChunk(job.id(), job.attempt(), fileNo, chunkNo++, chunk.toByteArray());
            chunk.reset();
        }
    }

    private void finishFile() {
        flushChunk();
        store.finishFile(job.id(), job.attempt(), fileNo, fileRows, fileBytes, chunkNo);
    }
}
