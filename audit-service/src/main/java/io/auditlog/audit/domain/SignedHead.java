package io.auditlog.audit.domain;

import java.time.Instant;

/** A stored signed tree head (the library's TreeHead, with the time as the database keeps it). */
public record SignedHead(String accountId, long treeSize, byte[] rootHash, Instant issuedAt, String keyId,
        byte[] signature) {
}
