package io.auditlog.integrity.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.integrity.CanonicalJson;
import io.auditlog.integrity.Jwks;
import io.auditlog.integrity.TreeHead;
import io.auditlog.integrity.Verifier;

/**
 * The offline verifier: {@code java -jar integrity-verify.jar <command> --option file ...}. It reads only the files
 * it is given (what the integrity API published), never a database. Exit 0: verified; 1: a check failed (each
 * failure on its own line, naming the event or leaf and why); 2: the command or a file could not be used.
 */
public final class VerifyCommand {

    static final String USAGE = """
            usage: integrity-verify <command> [options]
              verify-event        --keys keys.json --tree-head head.json --event event.json --proof proof.json
              verify-consistency  --keys keys.json --from head1.json --to head2.json --proof consistency.json
              verify-log          --keys keys.json --tree-head head.json --leaves leaves.json --events events.ndjson
                                  [--margin PT5M]
              verify-report       --keys keys.json --manifest manifest.json [--dir DIR]
            keys.json: GET /api/v1/integrity/keys; head.json: an item of GET /api/v1/integrity/tree-heads;
            event.json: GET /api/v1/events/{id}; proof.json: GET /api/v1/events/{id}/proof?treeSize=N;
            consistency.json: GET /api/v1/integrity/consistency?from=N&to=M; leaves.json: the pages of
            GET /api/v1/integrity/leaves (one JSON document per line, or one document); events.ndjson: the account's
            events, one per line (or pages of GET /api/v1/events). manifest.json: GET /api/v1/exports/{id}/manifest;
            the report's files (and its proof, GET /api/v1/exports/{id}/proof) are found by name in DIR (default: the
            manifest's folder).""";

    /** A command or file that cannot be used: exit 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private VerifyCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command");
            }
            Map<String, String> options = options(args);
            List<String> problems;
            String subject;
            switch (args[0]) {
                case "verify-event" -> {
                    JsonNode event = read(options, "--event");
                    subject = "event " + event.path("id").asText("?");
                    problems = Verifier.event(keys(options), head(options, "--tree-head"), event,
                            read(options, "--proof"));
                }
                case "verify-consistency" -> {
                    TreeHead from = head(options, "--from");
                    TreeHead to = head(options, "--to");
                    subject = "tree head of size " + to.treeSize() + " extends the one of size " + from.treeSize();
                    problems = Verifier.consistency(keys(options), from, to, read(options, "--proof"));
                }
                case "verify-log" -> {
                    TreeHead head = head(options, "--tree-head");
                    List<Verifier.Leaf> leaves = leaves(options);
                    Map<String, Verifier.EventDigest> events = events(options);
                    subject = head.treeSize() + " leaves and " + events.size() + " events under the tree head of size "
                            + head.treeSize();
                    problems = Verifier.logOfDigests(keys(options), head, leaves, events, margin(options));
                }
                case "verify-report" -> {
                    JsonNode manifest = read(options, "--manifest");
                    Path manifestFile = Path.of(options.get("--manifest")).toAbsolutePath();
                    Path dir = Path.of(options.getOrDefault("--dir", manifestFile.getParent().toString()));
                    if (!Files.isDirectory(dir)) {
                        throw new UsageException("--dir " + dir + " is not a folder");
                    }
                    subject = "report " + manifest.path("exportId").asText("?") + " (" + manifest.path("rows").asText("?")
                            + " rows in " + manifest.path("files").size() + " files, under the tree head of size "
                            + manifest.path("treeHead").path("treeSize").asText("-") + ")";
                    problems = new ReportCheck(keys(options), manifest, dir).run();
                }
                default -> throw new UsageException("unknown command " + args[0]);
            }
            if (problems.isEmpty()) {
                out.println("OK: " + subject + " verified");
                return 0;
            }
            for (String problem : problems) {
                err.println("FAILED: " + problem);
            }
            return 1;
        } catch (UsageException e) {
            err.println("integrity-verify: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    private static Map<String, String> options(String[] args) throws UsageException {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("expected --option value, got " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String text(Map<String, String> options, String option) throws UsageException {
        String file = options.get(option);
        if (file == null) {
            throw new UsageException(option + " is required");
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static JsonNode read(Map<String, String> options, String option) throws UsageException {
        try {
            return CanonicalJson.parse(text(options, option));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + options.get(option) + " is not JSON: " + e.getMessage());
        }
    }

    private static Map<String, PublicKey> keys(Map<String, String> options) throws UsageException {
        try {
            return Jwks.parse(read(options, "--keys"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--keys " + options.get("--keys") + ": " + e.getMessage());
        }
    }

    private static TreeHead head(Map<String, String> options, String option) throws UsageException {
        try {
            return TreeHead.fromJson(read(options, option));
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + options.get(option) + " is not a tree head: " + e.getMessage());
        }
    }

    private static Duration margin(Map<String, String> options) throws UsageException {
        try {
            return Duration.parse(options.getOrDefault("--margin", "PT5M"));
        } catch (DateTimeParseException e) {
            throw new UsageException("--margin is not an ISO-8601 duration (PT5M)");
        }
    }

    /** The JSON documents of a file: one per line, or one for the whole file; a page's items are taken out. */
    private static List<JsonNode> documents(Map<String, String> options, String option) throws UsageException {
        String text = text(options, option);
        List<JsonNode> items = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        try {
            items.add(CanonicalJson.parse(text));
        } catch (IllegalArgumentException whole) {
            items.clear();
            parts.addAll(text.lines().filter(line -> !line.isBlank()).toList());
        }
        int line = 0;
        for (String part : parts) {
            line++;
            try {
                items.add(CanonicalJson.parse(part));
            } catch (IllegalArgumentException e) {
                throw new UsageException(option + " line " + line + " is not JSON: " + e.getMessage());
            }
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.has("items") && item.get("items").isArray()) {
                item.get("items").forEach(out::add);
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static List<Verifier.Leaf> leaves(Map<String, String> options) throws UsageException {
        String file = options.get("--leaves");
        if (file == null) {
            throw new UsageException("--leaves is required");
        }
        List<Verifier.Leaf> leaves = new ArrayList<>();
        try (java.io.BufferedReader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first != null && first.trim().startsWith("{") && !first.trim().endsWith("}")) {
                for (JsonNode leaf : documents(options, "--leaves")) {
                    leaves.add(leaf(leaf, leaves.size()));
                }
            } else {
                for (String text = first; text != null; text = reader.readLine()) {
                    if (text.isBlank()) {
                        continue;
                    }
                    JsonNode node;
                    try {
                        node = CanonicalJson.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--leaves item " + leaves.size() + " is not JSON: " + e.getMessage());
                    }
                    if (node.has("items") && node.get("items").isArray()) {
                        for (JsonNode leaf : node.get("items")) {
                            leaves.add(leaf(leaf, leaves.size()));
                        }
                    } else {
                        leaves.add(leaf(node, leaves.size()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UsageException("--leaves " + file + " cannot be read: " + e.getMessage());
        }
        leaves.sort((x, y) -> Long.compare(x.leafIndex(), y.leafIndex()));
        return leaves;
    }

    private static Verifier.Leaf leaf(JsonNode leaf, int n) throws UsageException {
        try {
            return new Verifier.Leaf(leaf.get("leafIndex").asLong(), leaf.get("eventId").asText(),
                    Base64.getDecoder().decode(leaf.get("leafHash").asText()));
        } catch (RuntimeException e) {
            throw new UsageException("--leaves item " + n + " is not a leaf {leafIndex, eventId, leafHash}");
        }
    }

    /**
     * The events of a file, each reduced to its leaf hash and recording time as it is read: a report of millions
     * of events is streamed (one JSON document per line), hashed on every core in chunks, never held whole.
     */
    private static Map<String, Verifier.EventDigest> events(Map<String, String> options) throws UsageException {
        String file = options.get("--events");
        if (file == null) {
            throw new UsageException("--events is required");
        }
        Map<String, Verifier.EventDigest> events = new LinkedHashMap<>();
        try (java.io.BufferedReader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            String first = reader.readLine();
            if (first != null && first.trim().startsWith("{") && !first.trim().endsWith("}")) {
                // One document over many lines (a saved page): read it whole.
                for (JsonNode event : documents(options, "--events")) {
                    events.put(event.path("id").asText(), Verifier.EventDigest.of(event));
                }
                return events;
            }
            List<String> chunk = new ArrayList<>(CHUNK);
            long line = 0;
            for (String text = first; text != null; text = reader.readLine()) {
                if (!text.isBlank()) {
                    chunk.add(text);
                }
                if (chunk.size() == CHUNK) {
                    digest(chunk, line, events);
                    line += chunk.size();
                    chunk.clear();
                }
            }
            digest(chunk, line, events);
        } catch (IOException e) {
            throw new UsageException("--events " + file + " cannot be read: " + e.getMessage());
        }
        return events;
    }

    private static final int CHUNK = 20_000;

    private record Digest(String id, Verifier.EventDigest digest) {
    }

    private static void digest(List<String> lines, long firstLine, Map<String, Verifier.EventDigest> out)
            throws UsageException {
        List<Digest> results;
        try {
            results = lines.parallelStream().map(text -> {
                JsonNode node = CanonicalJson.parse(text);
                List<JsonNode> items = new ArrayList<>();
                if (node.has("items") && node.get("items").isArray()) {
                    node.get("items").forEach(items::add);
                } else {
                    items.add(node);
                }
                return items.stream().map(e -> new Digest(e.path("id").asText(), Verifier.EventDigest.of(e))).toList();
            }).flatMap(List::stream).toList();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--events near line " + (firstLine + 1) + " is not JSON: " + e.getMessage());
        }
        for (Digest result : results) {
            out.put(result.id(), result.digest());
        }
    }
}
