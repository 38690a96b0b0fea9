package io.auditlog.integrity;

import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Ed25519 public keys as a JWK set (RFC 7517, OKP keys of RFC 8037): {@code {"keys":[{"kty":"OKP",...}]}}. */
public final class Jwks {

    private Jwks() {
    }

    public static ObjectNode jwk(String keyId, PublicKey key) {
        ObjectNode jwk = JsonNodeFactory.instance.objectNode();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "EdDSA");
        jwk.put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519Keys.rawPublic(key)));
        return jwk;
    }

    public static ObjectNode set(Map<String, PublicKey> keys) {
        ObjectNode set = JsonNodeFactory.instance.objectNode();
        ArrayNode list = set.putArray("keys");
        keys.forEach((kid, key) -> list.add(jwk(kid, key)));
        return set;
    }

    /** The Ed25519 keys of a JWK set by key id; any other key type is refused, naming its position. */
    public static Map<String, PublicKey> parse(JsonNode set) {
        JsonNode keys = set == null ? null : set.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new IllegalArgumentException("a JWK set is {\"keys\":[...]}");
        }
        Map<String, PublicKey> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode jwk = keys.get(i);
            if (!"OKP".equals(jwk.path("kty").asText()) || !"Ed25519".equals(jwk.path("crv").asText())) {
                throw new IllegalArgumentException("keys[" + i + "] is not an Ed25519 (OKP) key");
            }
            String kid = jwk.path("kid").asText("");
            if (kid.isEmpty()) {
                throw new IllegalArgumentException("keys[" + i + "] has no kid");
            }
            byte[] raw;
            try {
                raw = Base64.getUrlDecoder().decode(jwk.path("x").asText(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("keys[" + i + "].x is not base64url", e);
            }
            out.put(kid, Ed25519Keys.publicFromRaw(raw));
        }
        return out;
    }
}
