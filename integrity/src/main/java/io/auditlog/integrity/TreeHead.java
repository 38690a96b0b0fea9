package io.auditlog.integrity;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A signed tree head: one account's tree of {@code treeSize} leaves has root {@code rootHash}, as the log said at
 * {@code issuedAt}, signed with Ed25519 by key {@code keyId}. The signature covers the RFC 8785 form of
 * {@code {"format","accountId","treeSize","rootHash","issuedAt","keyId"}} (hashes in standard base64, the time as
 * the log wrote it), so any JSON library can rebuild the signed bytes.
 */
public record TreeHead(String accountId, long treeSize, byte[] rootHash, String issuedAt, String keyId,
        byte[] signature) {

    public static final String FORMAT = "auditlog-tree-head-v1";

    /** The bytes the signature covers. */
    public byte[] signedBytes() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("format", FORMAT);
        body.put("accountId", accountId);
        body.put("treeSize", treeSize);
        body.put("rootHash", Base64.getEncoder().encodeToString(rootHash));
        body.put("issuedAt", issuedAt);
        body.put("keyId", keyId);
        return CanonicalJson.canonicalize(body);
    }

    public static TreeHead sign(String accountId, long treeSize, byte[] rootHash, String issuedAt, String keyId,
            PrivateKey key) {
        TreeHead unsigned = new TreeHead(accountId, treeSize, rootHash, issuedAt, keyId, null);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(unsigned.signedBytes());
            return new TreeHead(accountId, treeSize, rootHash, issuedAt, keyId, signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a tree head with key " + keyId, e);
        }
    }

    /** Whether the signature is this key's over this head. */
    public boolean verify(PublicKey key) {
        if (signature == null || key == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signedBytes());
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("format", FORMAT);
        json.put("accountId", accountId);
        json.put("treeSize", treeSize);
        json.put("rootHash", Base64.getEncoder().encodeToString(rootHash));
        json.put("issuedAt", issuedAt);
        json.put("keyId", keyId);
        json.put("signature", signature == null ? null : Base64.getEncoder().encodeToString(signature));
        return json;
    }

    /** Reads a head as {@link #toJson()} writes it; a missing or malformed field is named. */
    public static TreeHead fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a tree head is a JSON object");
        }
        if (!FORMAT.equals(json.path("format").asText())) {
            throw new IllegalArgumentException("format is not " + FORMAT);
        }
        JsonNode size = json.get("treeSize");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new IllegalArgumentException("treeSize is not a size");
        }
        return new TreeHead(text(json, "accountId"), size.asLong(), base64(json, "rootHash"), text(json, "issuedAt"),
                text(json, "keyId"), base64(json, "signature"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.textValue();
    }

    private static byte[] base64(JsonNode json, String field) {
        try {
            return Base64.getDecoder().decode(text(json, field));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64", e);
        }
    }
}
