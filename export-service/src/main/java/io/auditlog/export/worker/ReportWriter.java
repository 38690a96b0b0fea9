package io.auditlog.export.worker;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.storage.ReportStore;

/**
 * Turns the audit-service's report stream into files of at most {@code maxFileBytes}, each a complete CSV with
 * its header (or NDJSON lines), stored chunk by chunk: nothing holds more than one chunk in memory. Files are cut
 * only between whole records ({@link RecordReader}), never at a line break inside a cell.
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
        boolean csv = job.format() == ExportFormat.CSV;
        RecordReader records = new RecordReader(body, csv);
        if (csv) {
            byte[] first = records.next();
            header = first == null ? new byte[0] : first;
        }
        for (byte[] record = records.next(); record != null; record = records.next()) {
            if (csv && record.length <= 2 && (record.length == 1 || record[0] == '\r')) {
                continue; // an empty line is no record
            }
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
        if (fileNo == 0) {
            startFile(); // an empty report is still a file with its header
        }
        finishFile();
        return new Result(totalRows, fileNo);
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
