package io.auditlog.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * A strict JSON reader over UTF-8 bytes that writes each value it reads in its RFC 8785 canonical form, for
 * {@link EventLeaf#leafOf}: a verifier reads millions of rows, and Jackson's tokenizer, its trees and the JIT work
 * they need cost most of its time. It accepts exactly the JSON {@link CanonicalJson#parse} accepts of a row's text
 * (RFC 8259, at most 1,000 levels deep, names up to 50,000 characters, Jackson's defaults; a byte order mark is
 * refused, as the tree refuses it in text and an export writes none) and writes exactly what
 * {@link CanonicalJson#canonicalize} writes of it (EventLeafTest holds both for random and odd events):
 * <ul>
 * <li>a string without escapes is its own canonical form (the bytes were checked as UTF-8 before, and JSON has no
 * raw control characters), so it is copied; one with escapes is decoded and written by {@link CanonicalJson};</li>
 * <li>an integer of at most 15 digits is its own form (a double holds it exactly, ECMAScript writes it plainly);
 * any other number goes through Jackson and {@link CanonicalJson}, so rounding and the 1e400 rule are theirs;</li>
 * <li>an object's members are sorted by their names' UTF-16 code units, a name given twice counting with its last
 * value, as in Jackson's tree.</li>
 * </ul>
 * Values are written to one scratch buffer and known by their place in it ({@link #start(long)},
 * {@link #length(long)}), so a string value is never made a Java string unless it has escapes. Not thread-safe:
 * one per row.
 */
final class CanonicalReader {

    /** Jackson's limits as {@link CanonicalJson#reader()} sets them (depth) or leaves them (names). */
    static final int MAX_DEPTH = 1_000;
    static final int MAX_NAME_LENGTH = 50_000;

    /** A value as the canonical reader reads it (a number: the tree's number handling, exactly). */
    private static final ObjectReader TREE = CanonicalJson.reader().readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final byte[] NULL = bytes("null");

    private final byte[] in;
    private int pos;
    private final int end;
    private int depth;
    /** Inside {@link #skip()}: values are checked, not canonicalized. */
    private boolean skipping;
    /** The canonical bytes written so far; a value's place in it is {@code start << 32 | length}. */
    private byte[] out;
    private int size;

    CanonicalReader(byte[] in, int offset, int length) {
        this(in, offset, length, 64);
    }

    /** A reader whose scratch has room for its input and {@code extra} bytes more before it grows. */
    CanonicalReader(byte[] in, int offset, int length, int extra) {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
        this.out = new byte[Math.max(256, length + extra)];
    }

    static int start(long place) {
        return (int) (place >>> 32);
    }

    static int length(long place) {
        return (int) place;
    }

    byte[] scratch() {
        return out;
    }

    /** How many bytes the scratch holds: where the next one written goes. */
    int mark() {
        return size;
    }

    /** Writes {@code bytes} to the scratch. */
    void append(byte[] bytes) {
        append(bytes, 0, bytes.length);
    }

    /** Writes again the value written at {@code place}. */
    void appendPlace(long place) {
        int length = length(place);
        ensure(length);
        System.arraycopy(out, start(place), out, size, length);
        size += length;
    }

    /** The next non-space byte, not consumed; -1 at the end. */
    int peek() {
        while (pos < end) {
            byte b = in[pos];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                pos++;
            } else {
                return b & 0xff;
            }
        }
        return -1;
    }

    /** Consumes {@code expected} (after spaces) or fails. */
    void expect(char expected) {
        if (peek() != expected) {
            throw error("'" + expected + "' expected");
        }
        pos++;
    }

    /** After a member or element: true for ',' (another follows), false for {@code close}. */
    boolean more(char close) {
        int next = peek();
        pos++;
        if (next == ',') {
            return true;
        }
        if (next != close) {
            pos--;
            throw error("',' or '" + close + "' expected");
        }
        return false;
    }

    /** Consumes an object's '{' and answers true when the object is empty (its '}' consumed too). */
    boolean openObject() {
        expect('{');
        enter();
        if (peek() == '}') {
            pos++;
            depth--;
            return true;
        }
        return false;
    }

    void closeObject() {
        depth--;
    }

    /** The end of the text: only spaces may follow the value read. */
    void requireEnd() {
        if (peek() != -1) {
            throw error("one value, then nothing, expected");
        }
    }

    /** A member's name (decoded) and the ':' after it. */
    String name() {
        if (peek() != '"') {
            throw error("a member name expected");
        }
        int from = pos + 1;
        int close = scanString();
        String name = text(from, close);
        checkNameLength(name);
        expect(':');
        return name;
    }

    /** A sorted set of ASCII member names, also as bytes, to find a name in without making it a Java string. */
    static final class Names {
        private final String[] sorted;
        private final byte[][] bytes;

        Names(String[] sorted) {
            this.sorted = sorted.clone();
            this.bytes = new byte[sorted.length][];
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0 && sorted[i - 1].compareTo(sorted[i]) >= 0
                        || !StandardCharsets.US_ASCII.newEncoder().canEncode(sorted[i])) {
                    throw new IllegalArgumentException("names are distinct ASCII, sorted");
                }
                bytes[i] = sorted[i].getBytes(StandardCharsets.US_ASCII);
            }
        }

        int size() {
            return sorted.length;
        }
    }

    /**
     * A member's name and the ':' after it, as its index in {@code names}, or -1 for a name not there. A name
     * without escapes is compared as bytes (for ASCII, byte order is the strings' order; a name with other bytes
     * is in no ASCII set); one with escapes is decoded first.
     */
    int name(Names names) {
        if (peek() != '"') {
            throw error("a member name expected");
        }
        int from = pos + 1;
        int close = scanString();
        int found;
        if (close < 0 || close - from > MAX_NAME_LENGTH) {
            String name = text(from, close);
            checkNameLength(name);
            found = Math.max(-1, Arrays.binarySearch(names.sorted, name));
        } else {
            found = -1;
            int low = 0;
            int high = names.bytes.length - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                byte[] candidate = names.bytes[middle];
                int order = Arrays.compareUnsigned(candidate, 0, candidate.length, in, from, close);
                if (order == 0) {
                    found = middle;
                    break;
                }
                if (order < 0) {
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            }
        }
        expect(':');
        return found;
    }

    private void checkNameLength(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw error("a member name longer than " + MAX_NAME_LENGTH + " characters");
        }
    }

    /** Reads the next value and writes its canonical form; answers its place in {@link #scratch()}. */
    long value() {
        int at = size;
        write();
        return (long) at << 32 | (size - at);
    }

    /**
     * Reads the next value, checking its syntax as the tree would and writing nothing: a member outside the leaf
     * counts only by being JSON, as a member the tree reads and the projection drops.
     */
    void skip() {
        int at = size;
        boolean outer = skipping;
        skipping = true;
        try {
            write();
        } finally {
            skipping = outer;
            size = at;
        }
    }

    /** The string value at the cursor, decoded (an event's id), or null when the value is not a string. */
    String stringAhead() {
        if (peek() != '"') {
            return null;
        }
        int saved = pos;
        int from = pos + 1;
        int close = scanString();
        String text = text(from, close);
        pos = saved;
        return text;
    }

    /** Where the cursor is in the text (after {@link #peek()}: where the next value begins). */
    int position() {
        return pos;
    }

    /** The text's bytes {@code [from, to)} (one value read before) as Jackson's tree reads them. */
    JsonNode tree(int from, int to) {
        try {
            return TREE.readValue(in, from, to - from);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private void write() {
        int next = peek();
        switch (next) {
            case '"' -> string();
            case '{' -> object();
            case '[' -> array();
            case 't' -> literal(TRUE);
            case 'f' -> literal(FALSE);
            case 'n' -> literal(NULL);
            case -1 -> throw error("a value expected, the text ended");
            default -> {
                if (next == '-' || (next >= '0' && next <= '9')) {
                    number();
                } else {
                    throw error("a value expected");
                }
            }
        }
    }

    private void literal(byte[] word) {
        if (end - pos < word.length || !Arrays.equals(in, pos, pos + word.length, word, 0, word.length)) {
            throw error("a value expected");
        }
        pos += word.length;
        if (pos < end && isWordByte(in[pos])) {
            throw error("a value expected");
        }
        append(word, 0, word.length);
    }

    private static boolean isWordByte(byte b) {
        // Jackson refuses a literal followed by any part of a Java identifier; any other byte there is no separator
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '$'
                || b < 0;
    }

    private void string() {
        int from = pos;
        int close = scanString();
        if (close >= 0) {
            append(in, from, close + 1 - from); // quotes included: already canonical
        } else {
            appendString(decoded(from + 1));
        }
    }

    /**
     * The text of the string scanned from {@code from} (after its quote): its bytes when {@link #scanString()} found
     * its closing quote at {@code close}, decoded from its escapes when it answered -1.
     */
    private String text(int from, int close) {
        return close < 0 ? decoded(from) : new String(in, from, close - from, StandardCharsets.UTF_8);
    }

    /** Forgets what was written after {@code mark}: a value read part-way before {@link Undecided}. */
    void truncate(int mark) {
        size = mark;
    }

    /**
     * Writes a Java string as {@link CanonicalJson} writes it. Nearly every string of an event is printable ASCII,
     * which is its own canonical form: written byte for byte, with no builder and no encoder.
     */
    void appendString(String text) {
        int length = text.length();
        ensure(length + 2);
        int at = size;
        out[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                appendEscaped(text);
                return;
            }
            out[at++] = (byte) c;
        }
        out[at++] = '"';
        size = at;
    }

    private void appendEscaped(String text) {
        StringBuilder canonical = new StringBuilder(text.length() + 8);
        CanonicalJson.string(text, canonical);
        append(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Moves past the string whose '"' is at the cursor; answers the index of its closing quote when it holds no
     * escape, else -1 (the caller decodes it from its start).
     */
    private int scanString() {
        int i = pos + 1;
        boolean escaped = false;
        while (true) {
            if (i >= end) {
                throw error("a string that does not end");
            }
            byte b = in[i];
            if (b == '"') {
                pos = i + 1;
                return escaped ? -1 : i;
            }
            if (b == '\\') {
                escaped = true;
                i += 2; // the escape's own checks are the decoder's
                continue;
            }
            if (b >= 0 && b < 0x20) {
                throw error("a control character inside a string");
            }
            i++;
        }
    }

    /** The string whose text begins at {@code from} (after its quote), its escapes decoded; the cursor after it. */
    private String decoded(int from) {
        StringBuilder text = new StringBuilder();
        int i = from;
        int run = from;
        while (true) {
            if (i >= end) {
                throw error("a string that does not end");
            }
            byte b = in[i];
            if (b == '"') {
                text.append(new String(in, run, i - run, StandardCharsets.UTF_8));
                pos = i + 1;
                return text.toString();
            }
            if (b != '\\') {
                if (b >= 0 && b < 0x20) {
                    throw error("a control character inside a string");
                }
                i++;
                continue;
            }
            text.append(new String(in, run, i - run, StandardCharsets.UTF_8));
            if (i + 1 >= end) {
                throw error("a string that does not end");
            }
            byte e = in[i + 1];
            switch (e) {
                case '"', '\\', '/' -> text.append((char) e);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (i + 6 > end) {
                        throw error("a \\u escape needs four hex digits");
                    }
                    int code = 0;
                    for (int k = i + 2; k < i + 6; k++) {
                        int digit = Character.digit(in[k], 16);
                        if (digit < 0) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        code = code << 4 | digit;
                    }
                    text.append((char) code);
                    i += 4;
                }
                default -> throw error("an unknown escape \\" + (char) (e & 0xff));
            }
            i += 2;
            run = i;
        }
    }

    private void number() {
        int from = pos;
        int i = pos;
        if (in[i] == '-') {
            i++;
        }
        int digitsFrom = i;
        if (i < end && in[i] == '0') {
            i++;
        } else {
            while (i < end && in[i] >= '0' && in[i] <= '9') {
                i++;
            }
        }
        if (i == digitsFrom) {
            throw error("a number needs a digit");
        }
        int intDigits = i - digitsFrom;
        boolean plain = true;
        if (i < end && in[i] == '.') {
            plain = false;
            int f = ++i;
            while (i < end && in[i] >= '0' && in[i] <= '9') {
                i++;
            }
            if (i == f) {
                throw error("a number needs a digit after its point");
            }
        }
        if (i < end && (in[i] == 'e' || in[i] == 'E')) {
            plain = false;
            i++;
            if (i < end && (in[i] == '+' || in[i] == '-')) {
                i++;
            }
            int x = i;
            while (i < end && in[i] >= '0' && in[i] <= '9') {
                i++;
            }
            if (i == x) {
                throw error("a number needs a digit in its exponent");
            }
        }
        if (i < end && (isWordByte(in[i]) || in[i] == '.' || in[i] == '-' || in[i] == '+')) {
            throw error("a malformed number");
        }
        pos = i;
        boolean negativeZero = in[from] == '-' && intDigits == 1 && in[digitsFrom] == '0';
        if (plain && intDigits <= 15 && !negativeZero) {
            if (!skipping) {
                append(in, from, i - from); // an integer a double holds exactly: ECMAScript writes it as it is
            }
            return;
        }
        JsonNode number; // read by Jackson even when skipped: it refuses some (an exponent past an int's range)
        try {
            number = TREE.readValue(in, from, i - from);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (skipping) {
            return;
        }
        String canonical;
        try {
            canonical = CanonicalJson.canonicalString(number);
        } catch (IllegalArgumentException e) {
            throw new Undecided(e);
        }
        byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
        append(bytes, 0, bytes.length);
    }

    /**
     * A number with no canonical form (more digits than can be written out), which fails the leaf only if the
     * leaf keeps it: the tree drops a member given twice before canonicalizing it. Rare enough for the caller to
     * ask the tree.
     */
    static final class Undecided extends RuntimeException {
        Undecided(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private void array() {
        pos++;
        enter();
        append((byte) '[');
        if (peek() == ']') {
            pos++;
        } else {
            do {
                write();
                append((byte) ',');
            } while (more(']'));
            size--; // the last comma
        }
        append((byte) ']');
        depth--;
    }

    /** An object: its members read into the scratch, then written again after them sorted by name. */
    private void object() {
        int at = size;
        if (openObject()) {
            append((byte) '{');
            append((byte) '}');
            return;
        }
        String[] names = new String[8];
        long[] values = new long[8];
        int count = 0;
        do {
            String name = name();
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            values[count] = value();
            count++;
        } while (more('}'));
        closeObject();
        if (skipping) {
            return;
        }
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        String[] sortedNames = names;
        // String.compareTo compares UTF-16 code units (RFC 8785 section 3.2.3); a stable sort keeps a name given
        // twice in reading order, so the last of a run is the value the tree keeps.
        Arrays.sort(order, (a, b) -> sortedNames[a].compareTo(sortedNames[b]));
        int written = size;
        append((byte) '{');
        boolean first = true;
        for (int k = 0; k < count; k++) {
            int member = order[k];
            if (k + 1 < count && names[order[k + 1]].equals(names[member])) {
                continue; // given again later: the later one counts
            }
            if (!first) {
                append((byte) ',');
            }
            first = false;
            writeName(names[member]);
            append((byte) ':');
            append(out, start(values[member]), length(values[member]));
        }
        append((byte) '}');
        // The members' own bytes before the object's are no longer needed: the object moves to where it began.
        System.arraycopy(out, written, out, at, size - written);
        size = at + (size - written);
    }

    private void writeName(String name) {
        boolean plain = true;
        for (int k = 0; k < name.length() && plain; k++) {
            char c = name.charAt(k);
            plain = c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
        }
        if (plain) {
            append((byte) '"');
            byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1); // ASCII: one byte per character
            append(bytes, 0, bytes.length);
            append((byte) '"');
        } else {
            appendString(name);
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void append(byte b) {
        ensure(1);
        out[size++] = b;
    }

    private void append(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, out, size, length);
        size += length;
    }

    private void ensure(int more) {
        if (size + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not JSON: " + what + " at byte " + pos);
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }
}
