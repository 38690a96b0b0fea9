package io.auditlog.audit.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.common.problem.ProblemException;

/**
 * Encrypts restore endpoint secrets at rest with AES-256-GCM (a fresh 96-bit nonce per secret, the account id as
 * associated data so a row's secret cannot be moved to another account's row). A secret has to be recovered to
 * sign with, so it cannot be hashed. The key comes from configuration (a Kubernetes Secret in the chart); each row
 * names its key, and earlier keys stay readable after a rotation.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A secret as stored. */
    public record Sealed(byte[] cipher, byte[] nonce, String keyId) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Optional<SecretKey> current;
    private final String currentId;
    private final Map<String, SecretKey> all = new HashMap<>();

    SecretCipher(AuditConfig config) {
        AuditConfig.Restore restore = config.restore();
        this.currentId = restore.encryptionKeyId();
        restore.previousKeys().forEach((id, key) -> all.put(id, key(key, "audit.restore.previous-keys." + id)));
        this.current = restore.encryptionKey().map(key -> key(key, "audit.restore.encryption-key"));
        current.ifPresent(key -> all.put(currentId, key));
    }

    public Sealed seal(String accountId, String secret) {
        SecretKey key = current.orElseThrow(() -> new ProblemException(503, "Service unavailable",
                "Restore endpoints cannot be registered: the service has no encryption key configured "
                        + "(audit.restore.encryption-key)", java.util.List.of()));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accountId.getBytes(StandardCharsets.UTF_8));
            return new Sealed(cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)), nonce, currentId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The secret, or empty when its key is no longer configured or the row was altered. */
    public Optional<String> open(String accountId, byte[] sealed, byte[] nonce, String keyId) {
        SecretKey key = all.get(keyId);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accountId.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(cipher.doFinal(sealed), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static SecretKey key(String base64, String name) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be base64 of 32 bytes");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(name + " must be base64 of 32 bytes (AES-256), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
