package io.auditlog.export.worker;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

import io.auditlog.export.domain.ClaimedJob;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.storage.ReportStore;

/**
 * Turns the audit-service's report stream into files of at most {@code maxFileBytes}, each a complete CSV with
 * its header (or NDJSON lines), stored chunk by chunk while the next chunk is read ({@link ChunkPipeline}): nothing
 * holds more than a few chunks in memory. Files are cut only between whole records ({@link RecordReader}), never at
 * a line break inside a cell.
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

    /** A written report: its rows, its files and the bytes of all of them (headers included), and each file. */
    record Result(long rows, int files, long bytes, List<StoredFile> stored) {
    }

    /** One stored file: what the signed manifest lists of it. */
    record StoredFile(int number, String name, long rows, long bytes, byte[] sha256) {
    }

    /** Told each record of an NDJSON report as it is written (its event id goes to the proof), else nothing. */
    interface Records {
        void accept(int fileNo, byte[] array, int offset, int length) throws java.io.IOException;
    }

    private final ClaimedJob job;
    private final ReportStore store;
    private final long maxFileBytes;
    private final int chunkBytes;
    private final long progressEveryNanos;
    private final LongConsumer fileStored;
    private final Records records;
    private final List<StoredFile> stored = new ArrayList<>();
    private final MessageDigest sha256 = sha256();

    private ChunkPipeline chunks;
    private byte[] chunk;
    private int chunkLength;
    private byte[] header = new byte[0];
    private int fileNo;
    private String name;
    private int chunkNo;
    private long fileRows;
    private long fileBytes;
    private long totalRows;
    private long totalBytes;

    /** @param fileStored told the bytes of each file once it is stored whole */
    ReportWriter(ClaimedJob job, ReportStore store, long maxFileBytes, int chunkBytes, long progressEveryNanos,
            LongConsumer fileStored) {
        this(job, store, maxFileBytes, chunkBytes, progressEveryNanos, fileStored, (f, a, o, l) -> {
        });
    }

    /** @param records told every record after the header, for the report's proof */
    ReportWriter(ClaimedJob job, ReportStore store, long maxFileBytes, int chunkBytes, long progressEveryNanos,
            LongConsumer fileStored, Records records) {
        this.job = job;
        this.records = records;
        this.fileStored = fileStored;
        this.store = store;
        this.maxFileBytes = maxFileBytes;
        this.chunkBytes = chunkBytes;
        this.progressEveryNanos = progressEveryNanos;
        this.chunk = new byte[chunkBytes + (1 << 12)];
    }

    Result write(InputStream body, Progress progress) throws Exception {
        try (ChunkPipeline pipeline = new ChunkPipeline(store, job.id())) {
            this.chunks = pipeline;
            return writeAll(body, progress);
        }
    }

    private Result writeAll(InputStream body, Progress progress) throws Exception {
        long lastReport = System.nanoTime();
        boolean csv = job.format() == ExportFormat.CSV;
        RecordReader records = new RecordReader(body, csv);
        if (csv) {
            if (!records.next()) {
                throw new java.io.IOException("The report stream ended before its header: it was cut short");
            }
            header = records.copy();
        }
        while (records.next()) {
            int length = records.length();
            if (csv && length <= 2 && (length == 1 || records.array()[records.offset()] == '\r')) {
                continue; // an empty line is no record
            }
            if (fileNo == 0 || (fileRows > 0 && fileBytes + length > maxFileBytes)) {
                startFile();
            }
            append(records.array(), records.offset(), length);
            this.records.accept(fileNo, records.array(), records.offset(), length);
            fileRows++;
            totalRows++;
            if (System.nanoTime() - lastReport > progressEveryNanos) {
                if (!progress.report(totalRows, fileNo)) {
                    throw new AttemptLost();
                }
                lastReport = System.nanoTime();
            }
        }
        if (fileNo == 0) {
            startFile(); // an empty report is still a file with its header
        }
        finishFile();
        return new Result(totalRows, fileNo, totalBytes, List.copyOf(stored));
    }

    private void startFile() throws InterruptedException {
        if (fileNo > 0) {
            finishFile();
        }
        fileNo++;
        chunkNo = 0;
        fileRows = 0;
        fileBytes = 0;
        name = job.type().filePrefix() + "-" + job.id() + "-" + fileNo + "." + job.format().extension();
        store.createFile(job.id(), job.attempt(), fileNo, name);
        sha256.reset();
        append(header, 0, header.length);
    }

    private void append(byte[] bytes, int offset, int length) throws InterruptedException {
        if (chunkLength + length > chunk.length) {
            chunk = Arrays.copyOf(chunk, Math.max(chunk.length * 2, chunkLength + length)); // a record of megabytes
        }
        System.arraycopy(bytes, offset, chunk, chunkLength, length);
        sha256.update(bytes, offset, length);
        chunkLength += length;
        fileBytes += length;
        totalBytes += length;
        if (chunkLength >= chunkBytes) {
            flushChunk();
        }
    }

    private void flushChunk() throws InterruptedException {
        if (chunkLength > 0) {
            chunks.append(job.id(), job.attempt(), fileNo, chunkNo++, Arrays.copyOf(chunk, chunkLength));
            chunkLength = 0;
        }
    }

    private void finishFile() throws InterruptedException {
        flushChunk();
        chunks.drain();
        store.finishFile(job.id(), job.attempt(), fileNo, fileRows, fileBytes, chunkNo);
        stored.add(new StoredFile(fileNo, name, fileRows, fileBytes, sha256.digest()));
        fileStored.accept(fileBytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
