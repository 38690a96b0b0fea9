package io.auditlog.export.storage;

import java.util.UUID;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Where report files live. Files are written in chunks under a job attempt, by the worker's thread (blocking),
 * and read back as a stream of chunks for a download. The default keeps them in PostgreSQL; an S3-compatible
 * store can implement the same contract. Writes that fail throw {@link ReportStoreException}.
 */
public interface ReportStore {

    /** Creates an empty file of a job attempt. */
    void createFile(UUID job, int attempt, int fileNo, String name);

    /** Appends a chunk; chunks of one file are numbered from 0 without gaps. */
    void appendChunk(UUID job, int attempt, int fileNo, int chunkNo, byte[] data);

    /** Records a finished file's totals. */
    void finishFile(UUID job, int attempt, int fileNo, long rows, long bytes, int chunks);

    /** Removes one file of an attempt with its chunks, if it is there (a proof begun under a head given up). */
    void deleteFile(UUID job, int attempt, int fileNo);

    /** Removes what earlier attempts of a job wrote (a worker that died leaves a partial attempt behind). */
    void discardAttemptsBefore(UUID job, int attempt);

    /** The chunks of a finished file, in order. */
    Multi<Buffer> read(UUID job, int attempt, int fileNo, int chunks);
}
