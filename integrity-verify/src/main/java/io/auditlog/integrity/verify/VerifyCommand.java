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
            keys.json: GET /api/v1/integrity/keys; head.json: an item of GET /api/v1/integrity/tree-heads;
            event.json: GET /api/v1/events/{id}; proof.json: GET /api/v1/events/{id}/proof?treeSize=N;
            consistency.json: GET /api/v1/integrity/consistency?from=N&to=M; leaves.json: the pages of
            GET /api/v1/integrity/leaves (one JSON document per line, or one document); events.ndjson: the account's
            events, one per line (or pages of GET /api/v1/events).""";

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
                    Map<String, JsonNode> events = events(options);
                    subject = head.treeSize() + " leaves and " + events.size() + " events under the tree head of size "
                            + head.treeSize();
                    problems = Verifier.log(keys(options), head, leaves, events, margin(options));
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
        List<Verifier.Leaf> leaves = new ArrayList<>();
        int n = 0;
        for (JsonNode leaf : documents(options, "--leaves")) {
            try {
                leaves.add(new Verifier.Leaf(leaf.get("leafIndex").asLong(), leaf.get("eventId").asText(),
                        Base64.getDecoder().decode(leaf.get("leafHash").asText())));
            } catch (RuntimeException e) {
                throw new UsageException("--leaves item " + n + " is not a leaf {leafIndex, eventId, leafHash}");
            }
            n++;
        }
        leaves.sort((a, b) -> Long.compare(a.leafIndex(), b.leafIndex()));
        return leaves;
    }

    private static Map<String, JsonNode> events(Map<String, String> options) throws UsageException {
        Map<String, JsonNode> events = new LinkedHashMap<>();
        for (JsonNode event : documents(options, "--events")) {
            events.put(event.path("id").asText(), event);
        }
        return events;
    }
}
