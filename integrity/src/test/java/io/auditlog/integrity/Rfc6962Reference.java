package io.auditlog.integrity;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent reference written from the text of RFC 6962 section 2.1 (the same definitions as RFC 9162
 * 2.1.1, 2.1.3.1 and 2.1.4.1): MTH, PATH and PROOF as recursive functions over the list of entries, nothing
 * stored, nothing shared with the production code but SHA-256 itself.
 */
final class Rfc6962Reference {

    private Rfc6962Reference() {
    }

    static byte[] hash(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** "k be the largest power of two smaller than n (i.e., k < n <= 2k)". */
    static int k(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    /** MTH({}) = SHA-256(); MTH({d(0)}) = SHA-256(0x00 || d(0)); MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
    static byte[] mth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return hash();
        }
        if (n == 1) {
            return hash(new byte[] { 0 }, d.get(0));
        }
        int k = k(n);
        return hash(new byte[] { 1 }, mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    /** PATH(m, D[n]): PATH(m, D[k]) : MTH(D[k:n]) for m < k; PATH(m - k, D[k:n]) : MTH(D[0:k]) for m >= k. */
    static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        int k = k(n);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = k(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }
}
