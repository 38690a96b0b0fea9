package io.auditlog.audit.api;

import java.util.List;

/** The RFC 9162 consistency proof between two signed heads of the account's tree. */
public record ConsistencyProofView(TreeHeadView from, TreeHeadView to, List<String> consistencyProof) {
}
