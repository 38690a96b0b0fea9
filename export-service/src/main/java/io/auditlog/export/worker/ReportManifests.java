package io.auditlog.export.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.domain.ClaimedJob;
import io.auditlog.export.domain.ExportFile;
import io.auditlog.export.domain.ExportFormat;
import io.auditlog.export.storage.ReportStore;
import io.auditlog.integrity.Ed25519Keys;
import io.auditlog.integrity.ReportManifest;

/**
 * Every completed report's signed manifest ({@code manifest.json} beside its files): the request, each file's name,
 * size, rows and SHA-256, the proof file's, the account's signed tree head at the end of the run, signed with the
 * audit-service's own Ed25519 key (the same Secret, the same key id), so one published key set checks heads and
 * manifests. The key is read on the first manifest and kept: in the local run the audit-service makes the file on
 * its first start, which may come after this service's.
 */
@ApplicationScoped
public class ReportManifests {

    private static final Logger LOG = Logger.getLogger(ReportManifests.class);

    private final ReportStore store;
    private final ReportProofs proofs;
    private final ExportConfig config;
    private final ObjectMapper json;
    private volatile PrivateKey key;
    private volatile boolean warned;

    ReportManifests(ReportStore store, ReportProofs proofs, ExportConfig config, ObjectMapper json) {
        this.store = store;
        this.proofs = proofs;
        this.config = config;
        this.json = json;
    }

    /** Whether reports get manifests (a signing key is configured); NDJSON rows' ids are then kept for the proof. */
    boolean enabled() {
        return config.integrity().signingKeyFile().isPresent();
    }

    /**
     * Seals the written report under a signed head (NDJSON: with its per-row proof) and stores its signed manifest;
     * false when no key is configured (the report completes without one). A key that cannot be read, or a head that
     * does not come in time, is an IOException: the attempt is given up and the job claimed again later.
     */
    boolean write(ClaimedJob job, ReportWriter.Result result, EventIdSpool rows, Instant completedAt,
            ReportProofs.Heartbeat heartbeat) throws Exception {
        Optional<PrivateKey> signing = signingKey();
        if (signing.isEmpty()) {
            if (!warned) {
                warned = true;
                LOG.warn("export.integrity.signing-key-file is not set: reports complete without a signed manifest");
            }
            return false;
        }
        ReportProofs.Sealed sealed = proofs.seal(job, result.rows(),
                job.format() == ExportFormat.NDJSON ? rows : null, heartbeat);
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", ReportManifest.FORMAT);
        manifest.put("exportId", job.id().toString());
        manifest.put("accountId", job.accountId());
        ObjectNode request = manifest.putObject("request");
        request.put("type", job.type().id());
        request.put("format", job.format().extension());
        request.put("from", job.from().toString());
        request.put("to", job.to().toString());
        request.put("timeZone", job.timeZone());
        Map<String, List<String>> filters = new LinkedHashMap<>(job.query());
        List<String> view = filters.remove("view");
        request.set("filters", json.valueToTree(filters));
        request.put("viewId", view == null || view.isEmpty() ? null : view.get(0));
        manifest.put("completedAt", completedAt.toString());
        manifest.put("rows", result.rows());
        ArrayNode files = manifest.putArray("files");
        for (ReportWriter.StoredFile file : result.stored()) {
            files.addObject().put("number", file.number()).put("name", file.name()).put("bytes", file.bytes())
                    .put("rows", file.rows()).put("sha256", HexFormat.of().formatHex(file.sha256()));
        }
        if (sealed.proof() == null) {
            manifest.putNull("proof");
        } else {
            manifest.putObject("proof").put("name", sealed.proof().name()).put("bytes", sealed.proof().bytes())
                    .put("sha256", HexFormat.of().formatHex(sealed.proof().sha256()));
        }
        manifest.set("treeHead", sealed.treeHead());
        ObjectNode signed = ReportManifest.sign(manifest, config.integrity().signingKeyId(), signing.get());
        String name = job.type().filePrefix() + "-" + job.id() + "-manifest.json";
        StoredFileSink sink = new StoredFileSink(store, job.id(), job.attempt(), ExportFile.MANIFEST, name,
                config.chunkBytes());
        sink.write(json.writerWithDefaultPrettyPrinter().writeValueAsString(signed) + "\n");
        sink.finish(sealed.treeHead() == null ? 0 : sealed.treeHead().path("treeSize").asLong());
        return true;
    }

    private Optional<PrivateKey> signingKey() throws IOException {
        Optional<String> file = config.integrity().signingKeyFile();
        if (file.isEmpty()) {
            return Optional.empty();
        }
        PrivateKey cached = key;
        if (cached == null) {
            try {
                cached = Ed25519Keys.readPrivatePem(Files.readString(Path.of(file.get()), StandardCharsets.US_ASCII))
                        .getPrivate();
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException("The report signing key " + file.get() + " cannot be read yet ("
                        + e.getMessage() + "); the job is retried", e);
            }
            key = cached;
        }
        return Optional.of(cached);
    }
}
