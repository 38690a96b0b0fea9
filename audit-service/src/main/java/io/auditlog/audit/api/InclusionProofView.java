package io.auditlog.audit.api;

import java.util.List;

/**
 * Where an event sits in its account's tree and the RFC 9162 inclusion proof of its leaf under {@code treeHead}
 * (the audit path, hashes in base64, leaf to root).
 */
public record InclusionProofView(String eventId, long leafIndex, String leafHash, int leafVersion,
        TreeHeadView treeHead, List<String> inclusionProof) {
}
