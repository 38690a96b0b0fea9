package io.auditlog.export.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.auditlog.common.database.DatabaseCalls;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Report files as rows of about a megabyte in the export schema: one database serves everything, and each chunk
 * is its own short transaction (a long writing transaction would hold back the audit feed's horizon, which every
 * service shares). Beyond some hundreds of gigabytes of live reports an object store is the better home.
 */
@ApplicationScoped
public class PostgresReportStore implements ReportStore {

    private final AgroalDataSource jdbc;
    private final Pool pool;
    private final DatabaseCalls calls;

    PostgresReportStore(AgroalDataSource jdbc, Pool pool, DatabaseCalls calls) {
        this.jdbc = jdbc;
        this.pool = pool;
        this.calls = calls;
    }

    @Override
    public void createFile(UUID job, int attempt, int fileNo, String name) {
        update("INSERT INTO export.file (job_id, attempt, file_no, name) VALUES (?, ?, ?, ?)", job, attempt, fileNo, name);
    }

    /**
     * Each chunk commits without waiting for its WAL flush (synchronous_commit off, for this transaction only): a
     * report is hundreds of chunks, and a flush each made the disk's latency part of every megabyte. Nothing is
     * weaker for it: {@link #finishFile} commits synchronously, which flushes the WAL of every chunk before it, and
     * it only succeeds if every chunk is there, so a chunk lost in a server crash fails the attempt, never a file.
     */
    @Override
    public void appendChunk(UUID job, int attempt, int fileNo, int chunkNo, byte[] data) {
        try (Connection connection = jdbc.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement relaxed = connection.prepareStatement("SET LOCAL synchronous_commit = off");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO export.file_chunk"
                            + " (job_id, attempt, file_no, chunk_no, data) VALUES (?, ?, ?, ?, ?)")) {
                relaxed.execute();
                bind(insert, job, attempt, fileNo, chunkNo, data).executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ReportStoreException("Report storage failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void finishFile(UUID job, int attempt, int fileNo, long rows, long bytes, int chunks) {
        int finished = update("UPDATE export.file f SET rows = ?, bytes = ?, chunks = ?"
                + " WHERE job_id = ? AND attempt = ? AND file_no = ? AND (SELECT count(*) FROM export.file_chunk c"
                + " WHERE c.job_id = f.job_id AND c.attempt = f.attempt AND c.file_no = f.file_no) = ?",
                rows, bytes, chunks, job, attempt, fileNo, chunks);
        if (finished != 1) {
            throw new ReportStoreException("Report file " + fileNo + " of job " + job + " is missing chunks", null);
        }
    }

    @Override
    public void deleteFile(UUID job, int attempt, int fileNo) {
        update("DELETE FROM export.file WHERE job_id = ? AND attempt = ? AND file_no = ?", job, attempt, fileNo);
    }

    @Override
    public void discardAttemptsBefore(UUID job, int attempt) {
        update("DELETE FROM export.file WHERE job_id = ? AND attempt < ?", job, attempt);
    }

    /** A download, chunk by chunk; each chunk's read is bounded in time like every query serving a request. */
    @Override
    public Multi<Buffer> read(UUID job, int attempt, int fileNo, int chunks) {
        return Multi.createFrom().range(0, chunks).onItem().transformToUniAndConcatenate(chunk -> calls.bounded(pool
                .preparedQuery("SELECT data FROM export.file_chunk WHERE job_id = $1 AND attempt = $2 AND file_no = $3"
                        + " AND chunk_no = $4")
                .execute(Tuple.of(job, attempt, fileNo, chunk)))
                .map(rows -> rows.iterator().next().getBuffer("data")));
    }

    private int update(String sql, Object... params) {
        try (Connection connection = jdbc.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            return bind(statement, params).executeUpdate();
        } catch (SQLException e) {
            throw new ReportStoreException("Report storage failed: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
