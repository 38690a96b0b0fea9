package io.auditlog.integrity;

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

    /** The canonical bytes the leaf hash is taken of. */
    public static byte[] canonical(JsonNode event) {
        return CanonicalJson.canonicalize(projection(event));
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
