package io.auditlog.audit.service;

import java.util.Arrays;

/**
 * IP addresses and networks as the platform takes them: a strict subset of what PostgreSQL's inet accepts, parsed
 * here and written back in one canonical form, so a value that passes never fails in the database (which answered
 * 500 for {@code [::1]}, zone ids and a prefix in Arabic-Indic digits) and the same address is always stored alike.
 * Nothing here resolves a host name.
 *
 * <p>
 * Taken: IPv4 dotted quads of decimal parts 0..255; IPv6 in RFC 4291 text form (hex groups of 1 to 4 digits, at most
 * one {@code ::}, an IPv4 tail); a network adds {@code /} and a prefix length of ASCII digits. Refused although
 * PostgreSQL takes them: IPv4 parts with leading zeros ({@code 010.1.1.1}, which PostgreSQL reads as decimal 10 and
 * inet_aton as octal 8: an audit record must not guess), short forms ({@code 10/8}, {@code ::ffff:1.2.3}) and
 * prefixes with leading zeros. Refused like PostgreSQL: brackets, zone ids, spaces, signs, non-ASCII digits.
 */
public final class IpAddresses {

    private IpAddresses() {
    }

    /** The canonical form of an address (no prefix), or null when {@code value} is not one. */
    public static String canonicalAddress(String value) {
        if (value == null || value.isEmpty() || value.length() > 45) {
            return null;
        }
        return value.indexOf(':') >= 0 ? ipv6(value, 0, value.length()) : ipv4(value, 0, value.length());
    }

    /** The canonical form of an address or a CIDR network such as 203.0.113.0/24, or null when it is neither. */
    public static String canonicalNetwork(String value) {
        if (value == null) {
            return null;
        }
        int slash = value.indexOf('/');
        if (slash < 0) {
            return canonicalAddress(value);
        }
        String address = canonicalAddress(value.substring(0, slash));
        int bits = decimal(value, slash + 1, value.length(), 3);
        if (address == null || bits < 0 || bits > (address.indexOf(':') >= 0 ? 128 : 32)) {
            return null;
        }
        return address + "/" + bits;
    }

    private static String ipv4(String s, int from, int to) {
        int[] parts = new int[4];
        return parseIpv4(s, from, to, parts) ? parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3] : null;
    }

    private static boolean parseIpv4(String s, int from, int to, int[] parts) {
        int start = from;
        for (int p = 0; p < 4; p++) {
            int end = p < 3 ? s.indexOf('.', start) : to;
            if (end < 0 || end > to) {
                return false;
            }
            int value = decimal(s, start, end, 3);
            if (value < 0 || value > 255) {
                return false;
            }
            parts[p] = value;
            start = end + 1;
        }
        return true;
    }

    /** ASCII digits without a leading zero (except "0" itself), at most {@code maxDigits}; -1 when not that. */
    private static int decimal(String s, int from, int to, int maxDigits) {
        int length = to - from;
        if (length < 1 || length > maxDigits || (length > 1 && s.charAt(from) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String ipv6(String s, int from, int to) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int i = from;
        if (s.startsWith("::", i)) {
            gap = 0;
            i += 2;
        } else if (s.charAt(i) == ':') {
            return null;
        }
        while (i < to) {
            int end = i;
            while (end < to && s.charAt(end) != ':' && s.charAt(end) != '.') {
                end++;
            }
            if (end < to && s.charAt(end) == '.') {
                int[] tail = new int[4];
                if (count > 6 || !parseIpv4(s, i, to, tail)) {
                    return null;
                }
                groups[count++] = tail[0] << 8 | tail[1];
                groups[count++] = tail[2] << 8 | tail[3];
                i = to;
                break;
            }
            int group = hex(s, i, end);
            if (group < 0 || count == 8) {
                return null;
            }
            groups[count++] = group;
            if (end == to) {
                i = to;
                break;
            }
            if (s.startsWith("::", end)) {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i = end + 2;
            } else {
                i = end + 1;
                if (i == to) {
                    return null; // a trailing single colon
                }
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        if (gap >= 0) {
            int missing = 8 - count;
            System.arraycopy(groups, gap, groups, gap + missing, count - gap);
            Arrays.fill(groups, gap, gap + missing, 0);
        }
        return format(groups);
    }

    private static int hex(String s, int from, int to) {
        if (to - from < 1 || to - from > 4) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** RFC 5952: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String format(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
