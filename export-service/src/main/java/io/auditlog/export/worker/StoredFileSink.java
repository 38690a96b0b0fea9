package io.auditlog.export.worker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import io.auditlog.export.storage.ReportStore;

/**
 * A file of a report written beside its data files (the proof, the manifest): stored in chunks as it is written,
 * counted and hashed on the way, so a proof of a million rows is never held whole.
 */
final class StoredFileSink {

    private final ReportStore store;
    private final UUID job;
    private final int attempt;
    private final int fileNo;
    private final String name;
    private final int chunkBytes;
    private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    private final MessageDigest sha256 = ReportWriter.sha256();
    private int chunkNo;
    private long bytes;

    StoredFileSink(ReportStore store, UUID job, int attempt, int fileNo, String name, int chunkBytes) {
        this.store = store;
        this.job = job;
        this.attempt = attempt;
        this.fileNo = fileNo;
        this.name = name;
        this.chunkBytes = chunkBytes;
        store.createFile(job, attempt, fileNo, name);
    }

    void write(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        chunk.write(data, 0, data.length);
        sha256.update(data);
        bytes += data.length;
        if (chunk.size() >= chunkBytes) {
            flush();
        }
    }

    /** Stores the rest and the file's totals; {@code rows} is what the file's row records (see ExportFile). */
    ReportWriter.StoredFile finish(long rows) {
        flush();
        store.finishFile(job, attempt, fileNo, rows, bytes, chunkNo);
        return new ReportWriter.StoredFile(fileNo, name, rows, bytes, sha256.digest());
    }

    private void flush() {
        if (chunk.size() > 0) {
            store.appendChunk(job, attempt, fileNo, chunkNo++, chunk.toByteArray());
            chunk.reset();
        }
    }
}
