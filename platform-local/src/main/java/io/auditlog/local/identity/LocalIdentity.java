package io.auditlog.local.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A token issuer for one machine: an RSA key pair whose public half the services trust through
 * {@code quarkus.oidc.public-key}, and RS256-signed JWTs minted with the private half. It stands in for an
 * OIDC provider only where none runs (local runs, tests); the services verify its tokens with the same
 * quarkus-oidc code path that verifies a real provider's tokens.
 */
public final class LocalIdentity {

    public static final String ISSUER = "https://local-identity.auditlog.invalid";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeyPair keys;

    private LocalIdentity(KeyPair keys) {
        this.keys = keys;
    }

    /** A fresh key pair that lives in memory only (tests). */
    public static LocalIdentity generate() {
        return new LocalIdentity(newKeyPair());
    }

    /** The key pair kept in {@code directory}, made there on first use, so tokens survive restarts. */
    public static LocalIdentity inDirectory(Path directory) {
        Path privateFile = directory.resolve("private-key.der");
        Path publicFile = directory.resolve("public-key.der");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)));
                PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile)));
                return new LocalIdentity(new KeyPair(publicKey, privateKey));
            }
            KeyPair keys = newKeyPair();
            Files.createDirectories(directory);
            Files.write(privateFile, keys.getPrivate().getEncoded());
            Files.write(publicFile, keys.getPublic().getEncoded());
            return new LocalIdentity(keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable key in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The public key as quarkus.oidc.public-key takes it: base64 of the X.509 encoding. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The public key as a JSON Web Key (RFC 7517), for a JWKS document. */
    public Map<String, Object> jwk() {
        java.security.interfaces.RSAPublicKey rsa = (java.security.interfaces.RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", URL.encodeToString(unsigned(rsa.getModulus().toByteArray())));
        jwk.put("e", URL.encodeToString(unsigned(rsa.getPublicExponent().toByteArray())));
        return jwk;
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0
                ? java.util.Arrays.copyOfRange(twosComplement, 1, twosComplement.length)
                : twosComplement;
    }

    /** A signed access token for {@code subject} in {@code accountId} (null for service clients of all accounts). */
    public String token(String subject, String accountId, List<String> roles, Duration lifetime) {
        return token(subject, accountId, roles, lifetime, Map.of());
    }

    public String token(String subject, String accountId, List<String> roles, Duration lifetime,
            Map<String, Object> extraClaims) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("groups", roles);
        if (accountId != null) {
            claims.put("account_id", accountId);
        }
        claims.putAll(extraClaims);
        return sign(claims);
    }

    private String sign(Map<String, Object> claims) {
        try {
            String header = URL.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(keys.getPrivate());
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + URL.encodeToString(rs256.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
