package io.auditlog.audit.api;

import java.util.List;

/** Sealed leaves of the account's tree in index order, and the index to continue from (null at the end). */
public record LeafPage(List<Leaf> items, Long next) {

    /** One leaf: its index, its event and {@code SHA-256(0x00 || canonical event)} in base64. */
    public record Leaf(long leafIndex, String eventId, String leafHash) {
    }
}
