package io.auditlog.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TreeHeadTest {

    static final byte[] ROOT = Merkle.leafHash("x".getBytes());

    @Test
    void aSignedHeadVerifiesWithItsKeyAndNothingElse() {
        KeyPair key = Ed25519Keys.generate();
        KeyPair other = Ed25519Keys.generate();
        TreeHead head = TreeHead.sign("acme", 42, ROOT, "2026-11-30T10:00:00.123Z", "k1", key.getPrivate());
        assertTrue(head.verify(key.getPublic()));
        assertFalse(head.verify(other.getPublic()));
        assertFalse(new TreeHead("acme", 43, ROOT, head.issuedAt(), "k1", head.signature()).verify(key.getPublic()));
        assertFalse(new TreeHead("acmf", 42, ROOT, head.issuedAt(), "k1", head.signature()).verify(key.getPublic()));
        assertFalse(new TreeHead("acme", 42, Merkle.emptyRoot(), head.issuedAt(), "k1", head.signature())
                .verify(key.getPublic()));
        assertFalse(new TreeHead("acme", 42, ROOT, "2026-11-30T10:00:00.124Z", "k1", head.signature())
                .verify(key.getPublic()));
        assertFalse(new TreeHead("acme", 42, ROOT, head.issuedAt(), "k2", head.signature()).verify(key.getPublic()));
    }

    @Test
    void theSignedBytesAreTheCanonicalJsonOfTheHead() {
        TreeHead head = new TreeHead("acme", 7, new byte[32], "2026-11-30T10:00:00Z", "k1", null);
        assertEquals("{\"accountId\":\"acme\",\"format\":\"auditlog-tree-head-v1\",\"issuedAt\":\"2026-11-30T10:00:00Z\","
                + "\"keyId\":\"k1\",\"rootHash\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"treeSize\":7}",
                new String(head.signedBytes()));
    }

    @Test
    void jsonRoundTripKeepsTheSignatureValid() {
        KeyPair key = Ed25519Keys.generate();
        TreeHead head = TreeHead.sign("acme", 9, ROOT, "2026-11-30T10:00:00Z", "k1", key.getPrivate());
        TreeHead read = TreeHead.fromJson(CanonicalJson.parse(head.toJson().toString()));
        assertTrue(read.verify(key.getPublic()));
        assertArrayEquals(head.rootHash(), read.rootHash());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TreeHead.fromJson(CanonicalJson.parse("{\"format\":\"auditlog-tree-head-v1\",\"treeSize\":1}")));
        assertEquals("accountId is missing", missing.getMessage());
    }

    @Test
    void aPemPrivateKeyIsReadBackWithItsPublicKey() {
        KeyPair key = Ed25519Keys.generate();
        KeyPair read = Ed25519Keys.readPrivatePem(Ed25519Keys.privatePem(key.getPrivate()));
        assertArrayEquals(Ed25519Keys.rawPublic(key.getPublic()), Ed25519Keys.rawPublic(read.getPublic()));
        TreeHead head = TreeHead.sign("acme", 1, ROOT, "t", "k1", read.getPrivate());
        assertTrue(head.verify(key.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.readPrivatePem("not a key"));
    }

    @Test
    void anOpensslKeyFileIsRead() {
        // openssl genpkey -algorithm ed25519 (RFC 8410 section 10.3's example key).
        String pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
                + "-----END PRIVATE KEY-----\n";
        KeyPair key = Ed25519Keys.readPrivatePem(pem);
        // RFC 8410 section 10.1's public key is the one of this private key.
        assertEquals("19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1",
                java.util.HexFormat.of().formatHex(Ed25519Keys.rawPublic(key.getPublic())));
    }

    @Test
    void publicKeysTravelAsAJwkSet() {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        keys.put("2026-11", Ed25519Keys.generate().getPublic());
        keys.put("2026-10", Ed25519Keys.generate().getPublic());
        Map<String, PublicKey> read = Jwks.parse(CanonicalJson.parse(Jwks.set(keys).toString()));
        assertEquals(keys.keySet(), read.keySet());
        for (String kid : keys.keySet()) {
            assertArrayEquals(keys.get(kid).getEncoded(), read.get(kid).getEncoded());
        }
        assertEquals("OKP", Jwks.set(keys).get("keys").get(0).get("kty").asText());
        IllegalArgumentException rsa = assertThrows(IllegalArgumentException.class,
                () -> Jwks.parse(CanonicalJson.parse("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"a\"}]}")));
        assertEquals("keys[0] is not an Ed25519 (OKP) key", rsa.getMessage());
    }
}
