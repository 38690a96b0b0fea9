package io.auditlog.audit.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.integrity.CanonicalJson;
import io.auditlog.integrity.Ed25519Keys;
import io.auditlog.integrity.Jwks;

/**
 * The tree-head signing key and the published public keys: the current key's public half and every earlier one
 * named in {@code audit.integrity.published-keys-file}, so heads signed before a rotation stay verifiable. Read once
 * at start; a key file that cannot be read stops the service (a log that signs with the wrong key is worse than
 * none).
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final String keyId;
    private final Optional<KeyPair> signing;
    private final Map<String, PublicKey> published;

    SigningKeys(AuditConfig config) {
        AuditConfig.Integrity integrity = config.integrity();
        this.keyId = integrity.signingKeyId();
        this.signing = integrity.signingKeyFile().map(file -> load(Path.of(file), integrity.generateKeyIfMissing()));
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        signing.ifPresent(pair -> keys.put(keyId, pair.getPublic()));
        integrity.publishedKeysFile().ifPresent(file -> readPublished(Path.of(file)).forEach((kid, key) -> {
            if (keys.containsKey(kid) && !keys.get(kid).equals(key)) {
                throw new IllegalStateException("audit.integrity.published-keys-file names key " + kid
                        + ", the signing key's id, with another key");
            }
            keys.putIfAbsent(kid, key);
        }));
        this.published = Collections.unmodifiableMap(keys);
        if (signing.isEmpty() && integrity.enabled()) {
            LOG.warn("audit.integrity.signing-key-file is not set: events are sealed, but no tree head is signed");
        }
    }

    public String keyId() {
        return keyId;
    }

    public Optional<KeyPair> signing() {
        return signing;
    }

    /** Every public key a head may have been signed with, by key id. */
    public Map<String, PublicKey> published() {
        return published;
    }

    private static KeyPair load(Path file, boolean generate) {
        try {
            if (!Files.exists(file) && generate) {
                KeyPair pair = Ed25519Keys.generate();
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, Ed25519Keys.privatePem(pair.getPrivate()), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: the file keeps its default permissions.
                }
                LOG.infof("Generated the tree-head signing key %s", file);
            }
            return Ed25519Keys.readPrivatePem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("audit.integrity.signing-key-file " + file + " could not be read: "
                    + e.getMessage(), e);
        }
    }

    private static Map<String, PublicKey> readPublished(Path file) {
        try {
            return Jwks.parse(CanonicalJson.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("audit.integrity.published-keys-file " + file + " could not be read: "
                    + e.getMessage(), e);
        }
    }
}
