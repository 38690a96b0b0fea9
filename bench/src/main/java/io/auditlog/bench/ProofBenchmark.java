package io.auditlog.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.integrity.Jwks;
import io.auditlog.integrity.TreeHead;
import io.auditlog.integrity.Verifier;
import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceProcess;

/**
 * Times inclusion proofs ({@code GET /api/v1/events/{id}/proof?treeSize=N}) in an account whose tree holds
 * {@code --events} real events and {@code --leaves} more (issue #16: p99 under 20 ms at 10M). Sealing 10M real
 * events would take the sealer most of an hour here, so: the real events are ingested through the API and sealed by
 * the service (leaves 0 .. events-1), then the other leaves are appended in SQL ({@code SHA-256(0x00 || i)}, for
 * events that are not stored) with every complete subtree as RFC 9162 hashes them, in the service's own tables, and
 * the service signs a head over the whole tree. The real events' proofs are then timed, one request at a time after
 * a warm-up: each is of the full tree size and as long as a proof there gets (leaves at the start). A sample is
 * checked with the offline verifier's library against the signed head first, so the tree is a real one. See
 * bench/README.md, "Proof benchmark".
 */
public final class ProofBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Map<String, String> help = new LinkedHashMap<>();
        help.put("leaves", "leaves appended in SQL after the real events (default 10000000)");
        help.put("events", "real events ingested and sealed first, the ones proved (default 1000)");
        help.put("requests", "proof requests timed (default 2000)");
        help.put("warmup", "proof requests before the timing (default 500)");
        help.put("database", "database (default auditlog_bench_proofs; schema audit dropped at the start)");
        help.put("service-jar", "the audit-service's quarkus-run.jar (default audit-service/target/quarkus-app/)");
        help.put("out", "directory of the report and the service's log (default bench/target)");
        Options given = Options.parseOrExit(() -> Options.parse(args, help),
                Options.usage("bench/run-proofs.sh", help));
        long leaves = given.number("leaves", 10_000_000);
        int events = given.integer("events", 1000);
        int requests = given.integer("requests", 2000);
        int warmup = given.integer("warmup", 500);
        String databaseName = given.text("database", "auditlog_bench_proofs");
        Options.require(leaves >= 0 && events >= 1 && requests >= 1 && warmup >= 0, "counts must be positive");
        Path out = given.out();
        Files.createDirectories(out);
        Path log = out.resolve("proofs-audit-service.log");
        Path key = out.resolve("proofs-signing-key.pem");
        Files.deleteIfExists(key);

        PostgresEndpoint endpoint = LocalPostgres.database(databaseName);
        BenchDatabase database = new BenchDatabase(endpoint);
        RunSupport.step("Dropping schema audit in " + databaseName);
        database.dropSchemas(List.of(BenchDatabase.SERVICE_SCHEMA));
        LocalIdentity identity = LocalIdentity.generate();
        Map<String, String> env = ServiceEnvironment.of(endpoint, identity);
        env.put("AUDIT_INTEGRITY_SIGNING_KEY_FILE", key.toString());
        env.put("AUDIT_INTEGRITY_GENERATE_KEY_IF_MISSING", "true");
        env.put("AUDIT_INTEGRITY_SIGN_EVERY", "1s");
        String account = EventGenerator.accountId(0, 1);
        int port = ChildProcesses.freePort();
        String loadBefore = RunSupport.loadAverage();

        try (ServiceProcess service = ServiceProcess.jar("audit-service", given.jar("service-jar", "audit-service"))
                .port(port).environment(env).log(log).directory(Options.projectRoot()).stopOnExit().start()) {
            service.awaitReady(Duration.ofMinutes(3));
            URI base = service.baseUri();

            RunSupport.step("Ingesting " + events + " real events through the API, sealed by the service");
            EventGenerator.Dataset dataset = EventGenerator.forNow(7, 1).generate(events, 500);
            List<String> ids = new ArrayList<>();
            dataset.batches().forEach(batch -> batch.forEach(event -> ids.add(event.eventId())));
            String ingestToken = identity.token("bench-ingest", account, List.of("audit-ingest"), Duration.ofHours(2));
            new ApiIngestLoad(base, Map.of(account, ingestToken), 1).run(ApiIngestLoad.serialise(dataset));
            String admin = identity.token("bench-admin", account, List.of("audit-admin"), Duration.ofHours(2));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            awaitHead(http, base, admin, events, Duration.ofMinutes(5));

            RunSupport.step(String.format("Appending %,d leaves in SQL to account %s's tree", leaves, account));
            long built = System.nanoTime();
            int levels = buildTree(database, account, events, leaves);
            double buildSeconds = (System.nanoTime() - built) / 1e9;
            RunSupport.step(String.format("Built in %.0f s: %d levels of complete subtrees", buildSeconds, levels));

            long size = leaves + events;
            RunSupport.step(String.format("Waiting for a signed head of size %,d", size));
            TreeHead head = TreeHead.fromJson(awaitHead(http, base, admin, size, Duration.ofMinutes(10)));
            Map<String, PublicKey> keys = Jwks.parse(get(http, base.resolve("/api/v1/integrity/keys"), admin));
            Options.require(Verifier.head(keys, head).isEmpty(), "the signed head does not verify");

            RunSupport.step("Checking 20 proofs with the offline verifier's library");
            Random random = new Random(16);
            for (int i = 0; i < 20; i++) {
                String id = ids.get(random.nextInt(ids.size()));
                JsonNode event = get(http, base.resolve("/api/v1/events/" + id), admin);
                JsonNode proof = get(http, proofUri(base, id, size), admin);
                List<String> problems = Verifier.event(keys, head, event, proof);
                Options.require(problems.isEmpty(), "proof of " + id + " does not verify: " + problems);
                Options.require(proof.path("inclusionProof").size() >= 20 || size < 1 << 20,
                        "a proof in a tree of " + size + " has " + proof.path("inclusionProof").size() + " hashes");
            }

            RunSupport.step("Timing " + requests + " proof requests after " + warmup + " to warm up");
            for (int i = 0; i < warmup; i++) {
                get(http, proofUri(base, ids.get(random.nextInt(ids.size())), size), admin);
            }
            long[] nanos = new long[requests];
            int hashes = 0;
            for (int i = 0; i < requests; i++) {
                URI uri = proofUri(base, ids.get(random.nextInt(ids.size())), size);
                long start = System.nanoTime();
                JsonNode proof = get(http, uri, admin);
                nanos[i] = System.nanoTime() - start;
                hashes = proof.path("inclusionProof").size();
            }
            Stats.Summary stats = Stats.ofNanos(nanos);
            String report = String.format("""
                    Inclusion proofs at a tree of %,d leaves (%,d appended in SQL in %.0f s after %d real events \
                    sealed by the service), %s
                    one client, one request at a time: %d timed after %d to warm up; each proof %d hashes
                    load average before: %s, after: %s

                    proof request (ms): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  mean %.2f
                    target: p99 under 20 ms at 10,000,000 events: %s
                    """, size, leaves, buildSeconds, events, RunSupport.machine(), requests, warmup, hashes,
                    loadBefore, RunSupport.loadAverage(), stats.p50(), stats.p90(), stats.p99(), stats.max(),
                    stats.mean(), size < 10_000_000 ? "n/a (a smaller tree)" : stats.p99() < 20 ? "MET" : "NOT MET");
            Files.writeString(out.resolve("proofs-report.txt"), report);
            System.out.print(report);
        }
    }

    /**
     * Appends {@code leaves} leaves after the {@code sealed} the service sealed, with every complete subtree they
     * complete (those wholly among the sealed ones exist and are left), and the tree's new size; answers the levels.
     */
    private static int buildTree(BenchDatabase database, String account, long sealed, long leaves) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO audit.seal_leaf (account_id, leaf_index, event_id, leaf_hash)
                    SELECT ?, i, 'synthetic-' || i, sha256('\\x00'::bytea || int8send(i))
                      FROM generate_series(?::bigint, ?::bigint) AS i""")) {
                insert.setString(1, account);
                insert.setLong(2, sealed);
                insert.setLong(3, sealed + leaves - 1);
                insert.executeUpdate();
            }
            s.execute("ANALYZE audit.seal_leaf");
            int level = 0;
            for (long width = sealed + leaves; width >= 2; width /= 2) {
                level++;
                // Each even index's node with the next one's, in index order (one pass over the level below).
                String below = level == 1
                        ? "SELECT leaf_index AS i, leaf_hash AS h FROM audit.seal_leaf WHERE account_id = ?"
                        : "SELECT node_index AS i, hash AS h FROM audit.seal_node WHERE account_id = ? AND level = "
                                + (level - 1);
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO audit.seal_node (account_id, level, node_index, hash)
                        SELECT ?, ?, i / 2, sha256('\\x01'::bytea || h || next)
                          FROM (SELECT i, h, lead(h) OVER (ORDER BY i) AS next FROM (%s) AS below) AS pairs
                         WHERE i %% 2 = 0 AND next IS NOT NULL
                        ON CONFLICT DO NOTHING""".formatted(below))) {
                    insert.setString(1, account);
                    insert.setInt(2, level);
                    insert.setString(3, account);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement tree = c.prepareStatement(
                    "UPDATE audit.seal_tree SET tree_size = ?, updated_at = now() WHERE account_id = ?")) {
                tree.setLong(1, sealed + leaves);
                tree.setString(2, account);
                Options.require(tree.executeUpdate() == 1, "the account has no tree to extend");
            }
            // The service stores no nodes below LOWEST_STORED_LEVEL (it hashes them from their leaves): neither
            // does the built tree, so proofs read what they read on a tree the service sealed.
            try (PreparedStatement low = c.prepareStatement(
                    "DELETE FROM audit.seal_node WHERE account_id = ? AND level < ?")) {
                low.setString(1, account);
                low.setInt(2, 4); // SealRepository.LOWEST_STORED_LEVEL
                low.executeUpdate();
            }
            s.execute("ANALYZE audit.seal_node");
            s.execute("CHECKPOINT");
            return level;
        }
    }

    private static JsonNode awaitHead(HttpClient http, URI base, String token, long size, Duration timeout)
            throws Exception {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            JsonNode heads = get(http, base.resolve("/api/v1/integrity/tree-heads"), token).path("items");
            if (heads.size() > 0 && heads.get(0).path("treeSize").asLong() == size) {
                return heads.get(0);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no signed head of size " + size + " within " + timeout);
    }

    private static URI proofUri(URI base, String id, long size) {
        return base.resolve("/api/v1/events/" + id + "/proof?treeSize=" + size);
    }

    private static JsonNode get(HttpClient http, URI uri, String token) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + ": " + response.statusCode() + " "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    private ProofBenchmark() {
    }
}
