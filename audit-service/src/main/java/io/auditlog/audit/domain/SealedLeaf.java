package io.auditlog.audit.domain;

/** An event's leaf in its account's tree: its index and {@code SHA-256(0x00 || canonical event)}. */
public record SealedLeaf(String accountId, long leafIndex, String eventId, byte[] leafHash) {
}
