package io.auditlog.audit.domain;

import java.time.Instant;

/** An account's registered restore endpoint; the secret stays encrypted here ({@code keyId} names the key). */
public record RestoreEndpoint(String accountId, String url, byte[] secretCipher, byte[] secretNonce, String keyId,
        Instant updatedAt, Instant secretSetAt) {
}
