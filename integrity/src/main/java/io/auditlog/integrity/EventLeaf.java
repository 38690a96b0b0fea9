package io.auditlog.integrity;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event's leaf: the canonical form of a FIXED projection of the event as the API returns it to an Enterprise
 * account, so that a field the API adds later never changes a leaf that is already sealed. Version 1 holds:
 *
 * <pre>
 * {"leafVersion":1, "accountId", "id", "occurredAt", "recordedAt", "category", "subcategory", "action",
 *  "actor": {"id","email","name","type","department","teams"} | null,
 *  "object": {"type","id","name","path","itemType"} | null,
 *  "context": {"ip","userAgent","loginType","country","region"} | null,
 *  "details": the stored JSON | null}
 * </pre>
 *
 * A field missing from the event counts as null. What the service derives when it answers (the parsed browser,
 * OS and device, the links) is left out: it follows the service's parser and settings, not what was recorded.
 * Strings are taken as the API wrote them (times included), so the verifier needs no knowledge of their formats.
 * The leaf hash is {@code SHA-256(0x00 || JCS(projection))}.
 */
public final class EventLeaf {

    public static final int VERSION = 1;

    private static final String[] TOP = { "accountId", "id", "occurredAt", "recordedAt", "category", "subcategory",
            "action" };
    private static final String[] ACTOR = { "id", "email", "name", "type", "department", "teams" };
    private static final String[] OBJECT = { "type", "id", "name", "path", "itemType" };
    private static final String[] CONTEXT = { "ip", "userAgent", "loginType", "country", "region" };

    private static final String[] SORTED_TOP = sorted(java.util.stream.Stream.concat(java.util.Arrays.stream(TOP),
            java.util.stream.Stream.of("leafVersion", "actor", "object", "context", "details")).toArray(String[]::new));
    private static final String[] SORTED_ACTOR = sorted(ACTOR);
    private static final String[] SORTED_OBJECT = sorted(OBJECT);
    private static final String[] SORTED_CONTEXT = sorted(CONTEXT);

    private EventLeaf() {
    }

    /** The version-1 projection of an event in its API form. */
    public static ObjectNode projection(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("an event is a JSON object");
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("leafVersion", VERSION);
        for (String name : TOP) {
            out.set(name, value(event.get(name)));
        }
        out.set("actor", pick(event.get("actor"), ACTOR));
        out.set("object", pick(event.get("object"), OBJECT));
        out.set("context", pick(event.get("context"), CONTEXT));
        out.set("details", value(event.get("details")));
        return out;
    }

    /**
     * The canonical bytes the leaf hash is taken of: {@code CanonicalJson.canonicalize(projection(event))}, written
     * straight from the event in the projection's (fixed, sorted) member order, with no projected tree built and
     * nothing sorted per event: a verifier hashes millions of rows (EventLeafTest holds the two forms equal).
     */
    public static byte[] canonical(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("an event is a JSON object");
        }
        StringBuilder out = new StringBuilder(1024);
        out.append('{');
        for (int i = 0; i < SORTED_TOP.length; i++) {
            String name = SORTED_TOP[i];
            if (i > 0) {
                out.append(',');
            }
            CanonicalJson.string(name, out);
            out.append(':');
            switch (name) {
                case "leafVersion" -> CanonicalJson.write(JsonNodeFactory.instance.numberNode(VERSION), out);
                case "actor" -> pick(event.get(name), SORTED_ACTOR, out);
                case "object" -> pick(event.get(name), SORTED_OBJECT, out);
                case "context" -> pick(event.get(name), SORTED_CONTEXT, out);
                default -> CanonicalJson.write(value(event.get(name)), out);
            }
        }
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void pick(JsonNode node, String[] sortedNames, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode() || !node.isObject()) {
            CanonicalJson.write(node == null || node.isMissingNode() ? null : node, out);
            return;
        }
        out.append('{');
        for (int i = 0; i < sortedNames.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            CanonicalJson.string(sortedNames[i], out);
            out.append(':');
            CanonicalJson.write(value(node.get(sortedNames[i])), out);
        }
        out.append('}');
    }

    private static String[] sorted(String... names) {
        String[] copy = names.clone();
        java.util.Arrays.sort(copy); // String order: UTF-16 code units, as RFC 8785 sorts members
        return copy;
    }

    public static byte[] leafHash(JsonNode event) {
        return Merkle.leafHash(canonical(event));
    }

    private static JsonNode pick(JsonNode node, String[] names) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String name : names) {
            out.set(name, value(node.get(name)));
        }
        return out;
    }

    private static JsonNode value(JsonNode node) {
        return node == null || node.isMissingNode() ? JsonNodeFactory.instance.nullNode() : node;
    }
}
