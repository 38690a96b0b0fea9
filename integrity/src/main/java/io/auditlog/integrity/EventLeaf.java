package io.auditlog.integrity;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

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

    /** The top-level members read from an event (the projection's, without leafVersion, which it sets itself). */
    private static final String[] READ_TOP = Arrays.stream(SORTED_TOP).filter(n -> !"leafVersion".equals(n))
            .toArray(String[]::new);

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private EventLeaf() {
    }

    /** An event's id as its row names it ({@code path("id").asText("?")} of the tree) and its leaf hash. */
    public record Leaf(String id, byte[] hash) {
    }

    /**
     * {@link #leafHash(JsonNode)} of the event whose UTF-8 JSON is {@code json[offset, offset + length)}, and its id,
     * in one pass over the bytes with no tree of the event ({@link CanonicalReader}): members outside the
     * projection are skipped (their syntax still checked), and the canonical form is written from the values as
     * read. A member given twice counts with its last value, as in the tree. A verifier hashes millions of rows this
     * way (EventLeafTest holds it equal to the tree's leaf and to the tree's refusals).
     *
     * @throws IllegalArgumentException when the bytes are not one JSON object
     */
    public static Leaf leafOf(byte[] json, int offset, int length) {
        requireUtf8(json, offset, length);
        try {
            return read(json, offset, length);
        } catch (CanonicalReader.Undecided e) {
            JsonNode tree;
            try {
                tree = CanonicalJson.reader().readTree(json, offset, length);
            } catch (java.io.IOException unreadable) {
                throw new IllegalArgumentException("not JSON: " + unreadable.getMessage(), unreadable);
            }
            return new Leaf(tree.path("id").asText("?"), leafHash(tree));
        }
    }

    private static Leaf read(byte[] json, int offset, int length) {
        CanonicalReader reader = new CanonicalReader(json, offset, length);
        // Each slot: the place of its canonical value in the reader's scratch, ABSENT for a member not given; for
        // actor/object/context given as objects, their members' places instead.
        long[] top = new long[READ_TOP.length];
        Arrays.fill(top, ABSENT);
        long[][] picked = new long[READ_TOP.length][];
        String id = "?";
        if (reader.peek() != '{') {
            throw new IllegalArgumentException("an event is a JSON object");
        }
        if (!reader.openObject()) {
            do {
                int slot = reader.name(READ_TOP_NAMES);
                if (slot < 0) {
                    reader.skip();
                    continue;
                }
                CanonicalReader.Names members = MEMBER_NAMES[slot];
                if (members != null && reader.peek() == '{') {
                    picked[slot] = pick(reader, members);
                    continue;
                }
                picked[slot] = null;
                if (slot == ID_SLOT) {
                    id = idAhead(reader);
                }
                int from = reader.position();
                top[slot] = reader.value();
                if (slot == ID_SLOT && id == null) {
                    id = reader.tree(from, reader.position()).asText("?"); // a row's id is a string; else as the tree says
                }
            } while (reader.more('}'));
            reader.closeObject();
        }
        reader.requireEnd();
        return new Leaf(id, leafHash(reader, top, picked));
    }

    /**
     * An event's projected fields as the API writes them for an Enterprise account: every value as its JSON text
     * would read back (times as written, enums by name), {@code details} the stored JSON text. For the service
     * that seals events it holds, not JSON it downloaded.
     */
    public record Values(String accountId, String id, String occurredAt, String recordedAt, String category,
            String subcategory, String action, ActorValues actor, ObjectValues object, ContextValues context,
            String details) {
    }

    public record ActorValues(String id, String email, String name, String type, String department,
            List<String> teams) {
    }

    public record ObjectValues(String type, String id, String name, String path, String itemType) {
    }

    public record ContextValues(String ip, String userAgent, String loginType, String country, String region) {
    }

    /**
     * The leaf of the event whose API form has these values: what {@link #leafOf} gives of that JSON, written
     * straight from the values in the projection's fixed order. The sealer hashes every event, and writing the
     * whole view as JSON only to read it back here was most of its time. Only {@code details}, stored as JSON text,
     * is read (and canonicalized) by {@link CanonicalReader}. The audit-service's EventLeavesTest holds the two
     * routes equal on odd and random events.
     *
     * @throws IllegalArgumentException when {@code details} is not one JSON value or holds a number with no
     *         canonical form, as {@link #leafOf} refuses it
     */
    public static byte[] leafHash(Values event) {
        byte[] details = event.details() == null ? new byte[0] : event.details().getBytes(StandardCharsets.UTF_8);
        CanonicalReader out = new CanonicalReader(details, 0, details.length, 1024);
        // The order of SORTED_TOP, which the class's initialization checks against WRITE_ORDER.
        out.append(TOP_PREFIX[0]);
        string(out, event.accountId());
        out.append(TOP_PREFIX[1]);
        string(out, event.action());
        out.append(TOP_PREFIX[2]);
        actor(out, event.actor());
        out.append(TOP_PREFIX[3]);
        string(out, event.category());
        out.append(TOP_PREFIX[4]);
        context(out, event.context());
        out.append(TOP_PREFIX[5]);
        details(out, event.details());
        out.append(TOP_PREFIX[6]);
        string(out, event.id());
        out.append(TOP_PREFIX[7]);
        out.append(VERSION_TEXT);
        out.append(TOP_PREFIX[8]);
        object(out, event.object());
        out.append(TOP_PREFIX[9]);
        string(out, event.occurredAt());
        out.append(TOP_PREFIX[10]);
        string(out, event.recordedAt());
        out.append(TOP_PREFIX[11]);
        string(out, event.subcategory());
        out.append(CLOSE);
        return Merkle.leafHash(out.scratch(), 0, out.mark());
    }

    /** The sorted top-level names {@link #leafHash(Values)} writes, in its order. */
    private static final String[] WRITE_ORDER = { "accountId", "action", "actor", "category", "context", "details",
            "id", "leafVersion", "object", "occurredAt", "recordedAt", "subcategory" };
    private static final byte[][] ACTOR_PREFIX = prefixes(SORTED_ACTOR);
    private static final byte[][] OBJECT_PREFIX = prefixes(SORTED_OBJECT);
    private static final byte[][] CONTEXT_PREFIX = prefixes(SORTED_CONTEXT);

    static {
        if (!Arrays.equals(WRITE_ORDER, SORTED_TOP)
                || !Arrays.equals(SORTED_ACTOR, new String[] { "department", "email", "id", "name", "teams", "type" })
                || !Arrays.equals(SORTED_OBJECT, new String[] { "id", "itemType", "name", "path", "type" })
                || !Arrays.equals(SORTED_CONTEXT, new String[] { "country", "ip", "loginType", "region", "userAgent" })) {
            throw new ExceptionInInitializerError("leafHash(Values) writes members out of their canonical order");
        }
    }

    private static void string(CanonicalReader out, String value) {
        if (value == null) {
            out.append(NULL);
        } else {
            out.appendString(value);
        }
    }

    private static void actor(CanonicalReader out, ActorValues actor) {
        if (actor == null) {
            out.append(NULL);
            return;
        }
        out.append(ACTOR_PREFIX[0]);
        string(out, actor.department());
        out.append(ACTOR_PREFIX[1]);
        string(out, actor.email());
        out.append(ACTOR_PREFIX[2]);
        string(out, actor.id());
        out.append(ACTOR_PREFIX[3]);
        string(out, actor.name());
        out.append(ACTOR_PREFIX[4]);
        List<String> teams = actor.teams();
        if (teams == null) {
            out.append(NULL);
        } else {
            out.append(OPEN_ARRAY);
            for (int i = 0; i < teams.size(); i++) {
                if (i > 0) {
                    out.append(COMMA);
                }
                string(out, teams.get(i));
            }
            out.append(CLOSE_ARRAY);
        }
        out.append(ACTOR_PREFIX[5]);
        string(out, actor.type());
        out.append(CLOSE);
    }

    private static void object(CanonicalReader out, ObjectValues object) {
        if (object == null) {
            out.append(NULL);
        } else {
            members(out, OBJECT_PREFIX, object.id(), object.itemType(), object.name(), object.path(), object.type());
        }
    }

    private static void context(CanonicalReader out, ContextValues context) {
        if (context == null) {
            out.append(NULL);
        } else {
            members(out, CONTEXT_PREFIX, context.country(), context.ip(), context.loginType(), context.region(),
                    context.userAgent());
        }
    }

    /** An object of string members: {@code values} in the order of {@code prefixes} (the sorted names). */
    private static void members(CanonicalReader out, byte[][] prefixes, String... values) {
        for (int i = 0; i < prefixes.length; i++) {
            out.append(prefixes[i]);
            string(out, values[i]);
        }
        out.append(CLOSE);
    }

    /** The stored details' canonical form, read from the reader's input (the details' bytes). */
    private static void details(CanonicalReader out, String details) {
        if (details == null) {
            out.append(NULL);
            return;
        }
        int mark = out.mark();
        try {
            out.value(); // empty or not one value: IllegalArgumentException, as leafOf's
            out.requireEnd();
        } catch (CanonicalReader.Undecided e) {
            // A number with no canonical form: the tree decides, as leafOf lets it (and refuses it, kept here).
            out.truncate(mark);
            out.append(CanonicalJson.canonicalize(CanonicalJson.parse(details)));
        }
    }

    private static final byte[] OPEN_ARRAY = { '[' };
    private static final byte[] CLOSE_ARRAY = { ']' };
    private static final byte[] COMMA = { ',' };

    /** A member not given (null in the leaf). */
    private static final long ABSENT = -1;
    private static final int ID_SLOT = Arrays.binarySearch(READ_TOP, "id");
    /** Per slot of {@link #READ_TOP}: the sorted member names kept of an object there, or null for other slots. */
    private static final String[][] MEMBERS = Arrays.stream(READ_TOP).map(name -> switch (name) {
        case "actor" -> SORTED_ACTOR;
        case "object" -> SORTED_OBJECT;
        case "context" -> SORTED_CONTEXT;
        default -> null;
    }).toArray(String[][]::new);
    private static final CanonicalReader.Names READ_TOP_NAMES = new CanonicalReader.Names(READ_TOP);
    private static final CanonicalReader.Names[] MEMBER_NAMES = Arrays.stream(MEMBERS)
            .map(names -> names == null ? null : new CanonicalReader.Names(names)).toArray(CanonicalReader.Names[]::new);
    /** Per name of {@link #SORTED_TOP}: its canonical member prefix, {@code {"name":} or {@code ,"name":}. */
    private static final byte[][] TOP_PREFIX = prefixes(SORTED_TOP);
    private static final byte[][][] MEMBER_PREFIX = Arrays.stream(MEMBERS)
            .map(names -> names == null ? null : prefixes(names)).toArray(byte[][][]::new);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION_TEXT = String.valueOf(VERSION).getBytes(StandardCharsets.US_ASCII);

    /** The id of the row when its id is a JSON string or null ("?"); null when the tree must say (another value). */
    private static String idAhead(CanonicalReader reader) {
        int next = reader.peek();
        if (next == '"') {
            return reader.stringAhead();
        }
        return next == 'n' ? "?" : null;
    }

    /** The places of the named members of the object at the cursor (by sorted name), ABSENT for those not given. */
    private static long[] pick(CanonicalReader reader, CanonicalReader.Names sortedNames) {
        long[] values = new long[sortedNames.size()];
        Arrays.fill(values, ABSENT);
        if (!reader.openObject()) {
            do {
                int slot = reader.name(sortedNames);
                if (slot < 0) {
                    reader.skip();
                } else {
                    values[slot] = reader.value();
                }
            } while (reader.more('}'));
            reader.closeObject();
        }
        return values;
    }

    /**
     * {@code SHA-256(0x00 || the projection's canonical bytes)}, the bytes assembled from the places read, after
     * them in the reader's scratch.
     */
    private static byte[] leafHash(CanonicalReader reader, long[] top, long[][] picked) {
        int from = reader.mark();
        for (int i = 0; i < SORTED_TOP.length; i++) {
            reader.append(TOP_PREFIX[i]);
            if (i == VERSION_INDEX) {
                reader.append(VERSION_TEXT);
                continue;
            }
            int slot = TOP_SLOT[i];
            if (picked[slot] == null) {
                append(reader, top[slot]);
                continue;
            }
            byte[][] prefixes = MEMBER_PREFIX[slot];
            for (int m = 0; m < prefixes.length; m++) {
                reader.append(prefixes[m]);
                append(reader, picked[slot][m]);
            }
            reader.append(CLOSE);
        }
        reader.append(CLOSE);
        return Merkle.leafHash(reader.scratch(), from, reader.mark() - from);
    }

    private static void append(CanonicalReader reader, long place) {
        if (place == ABSENT) {
            reader.append(NULL);
        } else {
            reader.appendPlace(place);
        }
    }

    private static final byte[] CLOSE = { '}' };
    private static final int VERSION_INDEX = Arrays.asList(SORTED_TOP).indexOf("leafVersion");
    /** Per name of {@link #SORTED_TOP}: its slot in {@link #READ_TOP} (-1 for leafVersion). */
    private static final int[] TOP_SLOT = Arrays.stream(SORTED_TOP)
            .mapToInt(name -> "leafVersion".equals(name) ? -1 : Arrays.binarySearch(READ_TOP, name)).toArray();

    private static byte[][] prefixes(String[] sortedNames) {
        byte[][] out = new byte[sortedNames.length][];
        for (int i = 0; i < sortedNames.length; i++) {
            StringBuilder prefix = new StringBuilder(i == 0 ? "{" : ",");
            CanonicalJson.string(sortedNames[i], prefix);
            out[i] = prefix.append(':').toString().getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** A non-string value's canonical text, in a slot of {@link #canonical(JsonNode)}. */
    private record Canonical(String text) {
    }

    /** The canonical bytes of the projection whose slots (by {@link #READ_TOP}) are {@code top}. */
    private static byte[] canonical(Object[] top) {
        StringBuilder out = new StringBuilder(1024);
        out.append('{');
        for (int i = 0; i < SORTED_TOP.length; i++) {
            String name = SORTED_TOP[i];
            if (i > 0) {
                out.append(',');
            }
            CanonicalJson.string(name, out);
            out.append(':');
            if ("leafVersion".equals(name)) {
                out.append(VERSION);
                continue;
            }
            Object value = top[Arrays.binarySearch(READ_TOP, name)];
            switch (name) {
                case "actor" -> write(value, SORTED_ACTOR, out);
                case "object" -> write(value, SORTED_OBJECT, out);
                case "context" -> write(value, SORTED_CONTEXT, out);
                default -> write(value, out);
            }
        }
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            CanonicalJson.string(text, out);
        } else {
            out.append(((Canonical) value).text());
        }
    }

    private static void write(Object value, String[] sortedNames, StringBuilder out) {
        if (!(value instanceof Object[] members)) {
            write(value, out);
            return;
        }
        out.append('{');
        for (int i = 0; i < sortedNames.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            CanonicalJson.string(sortedNames[i], out);
            out.append(':');
            write(members[i], out);
        }
        out.append('}');
    }

    /**
     * Jackson's byte parser decodes an overlong or surrogate sequence without complaint, into a character whose
     * proper encoding may be the sealed one: such bytes are refused here, so a row that is not the bytes the export
     * wrote never passes as its leaf. Rows are mostly ASCII, checked by one scan.
     */
    private static void requireUtf8(byte[] json, int offset, int length) {
        int end = offset + length;
        int i = offset;
        // Eight bytes at a time while all are ASCII (no high bit set).
        while (i + 8 <= end && ((long) LONGS.get(json, i) & 0x8080808080808080L) == 0) {
            i += 8;
        }
        for (; i < end; i++) {
            if (json[i] < 0) {
                try {
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json, i,
                                    offset + length - i));
                } catch (CharacterCodingException e) {
                    throw new IllegalArgumentException("not UTF-8: " + e.getMessage(), e);
                }
                return;
            }
        }
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
     * from the event's values in the projection's (fixed, sorted) member order by the same writer as {@link #leafOf},
     * with no projected tree built and nothing sorted per event (EventLeafTest holds the forms equal).
     */
    public static byte[] canonical(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("an event is a JSON object");
        }
        Object[] top = new Object[READ_TOP.length];
        for (int i = 0; i < READ_TOP.length; i++) {
            JsonNode node = event.get(READ_TOP[i]);
            top[i] = switch (READ_TOP[i]) {
                case "actor" -> slots(node, SORTED_ACTOR);
                case "object" -> slots(node, SORTED_OBJECT);
                case "context" -> slots(node, SORTED_CONTEXT);
                default -> slot(node);
            };
        }
        return canonical(top);
    }

    /** A tree's value as a slot holds it (see {@link #leafOf}). */
    private static Object slot(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : new Canonical(CanonicalJson.canonicalString(node));
    }

    private static Object slots(JsonNode node, String[] sortedNames) {
        if (node == null || !node.isObject()) {
            return slot(node);
        }
        Object[] members = new Object[sortedNames.length];
        for (int i = 0; i < sortedNames.length; i++) {
            members[i] = slot(node.get(sortedNames[i]));
        }
        return members;
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
