package io.auditlog.audit.api;

import java.util.List;

/**
 * Many events' leaves under one signed head and the multiproof of them (docs/architecture.md "Integrity", signed
 * report manifests): {@code leafIndexes} and {@code leafHashes} in the order the events were asked for, {@code nodes}
 * the hashes of the maximal subtrees holding none of those leaves, left to right. {@code treeHead} is null only while
 * the account has no signed head; {@code sealedSize} is how many of its events are sealed (0: its log is empty).
 */
public record MultiproofView(TreeHeadView treeHead, long sealedSize, List<Long> leafIndexes, List<String> leafHashes,
        List<String> nodes) {
}
