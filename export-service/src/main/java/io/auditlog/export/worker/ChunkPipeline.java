package io.auditlog.export.worker;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import io.auditlog.export.storage.ReportStore;
import io.auditlog.export.storage.ReportStoreException;

/**
 * Stores a report's chunks on a thread of its own, in the order they were handed over, so that reading the next
 * megabyte from the audit-service overlaps with the database writing the last one (one after the other, each
 * waited for the other). At most {@link #IN_FLIGHT} chunks wait, so memory stays a few chunks. A failed write
 * fails the next hand-over or {@link #drain()}, and nothing after it is written.
 */
final class ChunkPipeline implements AutoCloseable {

    static final int IN_FLIGHT = 2;

    private final ReportStore store;
    private final ExecutorService writer;
    private final Semaphore room = new Semaphore(IN_FLIGHT);
    private volatile RuntimeException failure;

    ChunkPipeline(ReportStore store, UUID job) {
        this.store = store;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "export-chunks-" + job);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Hands a chunk over; waits while {@link #IN_FLIGHT} are still being written. */
    void append(UUID job, int attempt, int fileNo, int chunkNo, byte[] data) throws InterruptedException {
        rethrow();
        room.acquire();
        writer.execute(() -> {
            try {
                if (failure == null) {
                    store.appendChunk(job, attempt, fileNo, chunkNo, data);
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                room.release();
            }
        });
    }

    /** Waits until every chunk handed over is stored; throws the first failure. */
    void drain() throws InterruptedException {
        room.acquire(IN_FLIGHT);
        room.release(IN_FLIGHT);
        rethrow();
    }

    private void rethrow() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw failed instanceof ReportStoreException ? failed
                    : new ReportStoreException("Storing a chunk failed: " + failed.getMessage(), failed);
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
    }
}
