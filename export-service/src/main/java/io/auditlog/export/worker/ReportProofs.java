package io.auditlog.export.worker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.export.client.IntegrityClient;
import io.auditlog.export.client.IntegrityClient.NotSealedYet;
import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.domain.ClaimedJob;
import io.auditlog.export.domain.ExportFile;
import io.auditlog.export.storage.ReportStore;
import io.auditlog.integrity.Hashes;
import io.auditlog.integrity.Multiproof;
import io.auditlog.integrity.ReportManifest;
import io.auditlog.integrity.TreeHead;

/**
 * The signed head a report is sealed under and, for NDJSON, its per-row proof file: per chunk of rows (one file's,
 * at most {@code export.integrity.proof-chunk-rows}) the rows' event ids, their leaf indices and SEALED leaf hashes
 * (so a verifier names the exact row whose content no longer matches), and the multiproof that those leaves make
 * the head's root. Every chunk is proved against the same head: the newest one when the first chunk is asked; when
 * a row is not sealed under it yet, the proof begun is dropped and, once a newer head is signed, started again.
 */
@ApplicationScoped
public class ReportProofs {

    private static final Logger LOG = Logger.getLogger(ReportProofs.class);
    private static final long RETRY_MILLIS = 1000;

    /** Proves the worker still owns the job (throws ReportWriter.AttemptLost when not). */
    interface Heartbeat {
        void beat() throws Exception;
    }

    /** The head (null: the account's log is empty, no head can exist) and the proof file (null: CSV). */
    record Sealed(JsonNode treeHead, ReportWriter.StoredFile proof) {
    }

    private final IntegrityClient audit;
    private final ReportStore store;
    private final ExportConfig config;
    private final ObjectMapper json;

    ReportProofs(IntegrityClient audit, ReportStore store, ExportConfig config, ObjectMapper json) {
        this.audit = audit;
        this.store = store;
        this.config = config;
        this.json = json;
    }

    /** Waits (bounded by {@code export.integrity.head-wait}) for a head that covers every row, and proves them. */
    Sealed seal(ClaimedJob job, long reportRows, EventIdSpool rows, Heartbeat heartbeat) throws Exception {
        long deadline = System.nanoTime() + config.integrity().headWait().toNanos();
        while (true) {
            try {
                return rows == null ? head(job, reportRows) : prove(job, rows, heartbeat);
            } catch (NotSealedYet e) {
                store.deleteFile(job.id(), job.attempt(), ExportFile.PROOF);
                if (System.nanoTime() > deadline) {
                    throw new IOException("The report's rows were not sealed under a signed tree head within "
                            + config.integrity().headWait() + " (" + e.getMessage() + "); the job is retried", e);
                }
                LOG.debugf("Export %s waits for a newer tree head: %s", job.id(), e.getMessage());
                for (long waited = 0; waited < RETRY_MILLIS; waited += 250) {
                    heartbeat.beat();
                    Thread.sleep(250);
                }
            }
        }
    }

    /**
     * The newest head alone (a CSV report: its files are covered by their hashes); a report with rows waits for the
     * account's first head.
     */
    private Sealed head(ClaimedJob job, long reportRows) throws IOException, InterruptedException {
        JsonNode head = headOf(audit.multiproof(job.accountId(), null, List.of()));
        if (head == null && reportRows > 0) {
            throw new NotSealedYet("the report has rows, and the account no signed tree head yet");
        }
        return new Sealed(head, null);
    }

    private JsonNode headOf(JsonNode answer) throws NotSealedYet {
        JsonNode head = answer.get("treeHead");
        if (head == null || head.isNull()) {
            if (answer.path("sealedSize").asLong() > 0) {
                throw new NotSealedYet("no tree head of the account is signed yet");
            }
            return null;
        }
        return head;
    }

    private Sealed prove(ClaimedJob job, EventIdSpool rows, Heartbeat heartbeat) throws Exception {
        rows.rewind();
        String name = job.type().filePrefix() + "-" + job.id() + "-proof.json";
        StoredFileSink sink = new StoredFileSink(store, job.id(), job.attempt(), ExportFile.PROOF, name,
                config.chunkBytes());
        int limit = Math.max(1, config.integrity().proofChunkRows());
        List<String> ids = new ArrayList<>(limit);
        int file = 0;
        long firstRow = 1;
        TreeHead head = null;
        JsonNode headJson = null;
        boolean firstChunk = true;
        for (EventIdSpool.Row row = rows.next();; row = rows.next()) {
            boolean flush = !ids.isEmpty() && (row == null || row.fileNo() != file || ids.size() == limit);
            if (flush) {
                JsonNode answer = audit.multiproof(job.accountId(), head == null ? null : head.treeSize(), ids);
                if (head == null) {
                    headJson = headOf(answer);
                    if (headJson == null) {
                        throw new NotSealedYet("no tree head of the account is signed yet");
                    }
                    head = TreeHead.fromJson(headJson);
                    sink.write(header(job, head));
                }
                sink.write((firstChunk ? "\n" : ",\n") + chunk(file, firstRow, ids, answer, head));
                firstChunk = false;
                firstRow += ids.size();
                ids.clear();
                heartbeat.beat();
            }
            if (row == null) {
                break;
            }
            if (row.fileNo() != file) {
                file = row.fileNo();
                firstRow = 1;
            }
            ids.add(row.eventId());
        }
        if (head == null) { // no rows: the newest head alone
            headJson = head(job, 0).treeHead();
            head = headJson == null ? null : TreeHead.fromJson(headJson);
            sink.write(header(job, head));
        }
        sink.write("\n]}\n");
        return new Sealed(headJson, sink.finish(head == null ? 0 : head.treeSize()));
    }

    private String header(ClaimedJob job, TreeHead head) throws IOException {
        ObjectNode top = json.createObjectNode();
        top.put("format", ReportManifest.PROOF_FORMAT);
        top.put("exportId", job.id().toString());
        top.put("accountId", job.accountId());
        if (head == null) {
            top.putNull("treeSize");
            top.putNull("rootHash");
        } else {
            top.put("treeSize", head.treeSize());
            top.put("rootHash", Hashes.base64(head.rootHash()));
        }
        String text = json.writeValueAsString(top);
        return text.substring(0, text.length() - 1) + ",\"chunks\":[";
    }

    /** One chunk, checked before it is stored: the audit-service's leaves and nodes must make the head's root. */
    private String chunk(int file, long firstRow, List<String> ids, JsonNode answer, TreeHead head)
            throws IOException {
        ArrayNode indexes = (ArrayNode) answer.get("leafIndexes");
        ArrayNode hashes = (ArrayNode) answer.get("leafHashes");
        if (indexes == null || hashes == null || indexes.size() != ids.size() || hashes.size() != ids.size()
                || answer.path("treeHead").path("treeSize").asLong() != head.treeSize()) {
            throw new IllegalStateException("The audit-service's multiproof does not answer the rows asked");
        }
        // The proof is over the distinct leaves in index order; the file lists them in row order.
        TreeMap<Long, byte[]> byIndex = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byIndex.put(indexes.get(i).asLong(), Base64.getDecoder().decode(hashes.get(i).asText()));
        }
        int n = 0;
        long[] sorted = new long[byIndex.size()];
        List<byte[]> leafHashes = new ArrayList<>(byIndex.size());
        for (var entry : byIndex.entrySet()) {
            sorted[n++] = entry.getKey();
            leafHashes.add(entry.getValue());
        }
        if (!Multiproof.verify(sorted, leafHashes, head.treeSize(), Hashes.fromBase64List(answer.get("nodes"), "nodes"),
                head.rootHash())) {
            throw new IllegalStateException("The audit-service's multiproof does not make the signed root of the tree "
                    + "head of size " + head.treeSize());
        }
        ObjectNode chunk = json.createObjectNode();
        chunk.put("file", file);
        chunk.put("firstRow", firstRow);
        ArrayNode eventIds = chunk.putArray("eventIds");
        ids.forEach(eventIds::add);
        chunk.set("leafIndexes", indexes);
        chunk.set("leafHashes", hashes);
        chunk.set("nodes", answer.get("nodes"));
        return json.writeValueAsString(chunk);
    }
}
