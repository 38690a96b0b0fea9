package io.auditlog.common.input;

/**
 * Strict UTF-8 as RFC 3629 defines it: no overlong forms (C0 AF for '/'), no encoded surrogates (ED A0 80), nothing
 * above U+10FFFF, no truncated sequence. Jackson and the URI decoder accept some of these and turn them into other
 * characters, so a body or parameter is checked on its bytes before anything reads it.
 */
public final class Utf8 {

    /** Eight bytes of an array as one little-endian long (the ASCII scans here and in TextInput). */
    static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles
            .byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    /** The offset of the first byte that is not well-formed UTF-8, or -1 when all of {@code bytes[from, to)} is. */
    public static int firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            // A body is mostly ASCII: eight bytes at a time while none has its high bit set.
            if (i + 8 <= to && ((long) LONGS.get(bytes, i) & 0x8080808080808080L) == 0) {
                i += 8;
                continue;
            }
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            int max;
            if (b >= 0xc2 && b <= 0xdf) {
                length = 2;
                min = 0x80;
                max = 0xbf;
            } else if (b == 0xe0) {
                length = 3;
                min = 0xa0;
                max = 0xbf;
            } else if (b == 0xed) {
                length = 3;
                min = 0x80;
                max = 0x9f; // beyond would encode a surrogate
            } else if (b >= 0xe1 && b <= 0xef) {
                length = 3;
                min = 0x80;
                max = 0xbf;
            } else if (b == 0xf0) {
                length = 4;
                min = 0x90;
                max = 0xbf;
            } else if (b >= 0xf1 && b <= 0xf3) {
                length = 4;
                min = 0x80;
                max = 0xbf;
            } else if (b == 0xf4) {
                length = 4;
                min = 0x80;
                max = 0x8f; // beyond would be above U+10FFFF
            } else {
                return i;
            }
            if (i + length > to) {
                return i;
            }
            int second = bytes[i + 1] & 0xff;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                int next = bytes[i + k] & 0xff;
                if (next < 0x80 || next > 0xbf) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }
}
