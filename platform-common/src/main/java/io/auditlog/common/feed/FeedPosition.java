package io.auditlog.common.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A consumer's place in a feed (the audit change feed, the export-ready records): the writing transaction
 * (xid8, as text) and sequence of the last record it has seen. Feeds read in (transaction, sequence) order below
 * the oldest running transaction (the change feed passes over feed consumers' own, see {@link FeedPositions#MARK}),
 * so a record committed late is never passed over. Opaque to consumers, who store it and send it back.
 */
public record FeedPosition(String txId, long seq) {

    public static final FeedPosition START = new FeedPosition("0", 0);
    private static final String VERSION = "f1";

    public String encode() {
        String raw = VERSION + ":" + txId + ":" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The position a string encodes, or empty when it is not one a feed could have issued: the transaction must be
     * what PostgreSQL's xid8 holds (ASCII digits up to 2^64-1; {@code Character.isDigit} would also take other
     * scripts' digits, and a larger number failed in the database with a 500).
     */
    public static Optional<FeedPosition> decode(String encoded) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":");
            if (parts.length != 3 || !VERSION.equals(parts[0]) || !isXid8(parts[1])) {
                return Optional.empty();
            }
            return Optional.of(new FeedPosition(parts[1], Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isXid8(String tx) {
        if (tx.isEmpty() || tx.length() > 20 || !tx.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        try {
            Long.parseUnsignedLong(tx);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
