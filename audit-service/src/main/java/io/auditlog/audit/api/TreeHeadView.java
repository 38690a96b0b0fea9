package io.auditlog.audit.api;

/**
 * A signed tree head as served (docs/architecture.md "Integrity"): hashes and signature in standard base64; the
 * signature covers the RFC 8785 form of every field but itself.
 */
public record TreeHeadView(String format, String accountId, long treeSize, String rootHash, String issuedAt,
        String keyId, String signature) {
}
