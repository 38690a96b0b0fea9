package io.auditlog.integrity;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A report's signed manifest: what was asked (type, period, time zone, filters), each file's name, size, rows and
 * SHA-256, the per-row proof file's, and the account's signed tree head at the end of the run, signed with Ed25519
 * by the log's own key. The signature covers the RFC 8785 form of every member but {@code signature}, as a tree
 * head's does; the {@code format} member ({@value #FORMAT}) is among them and differs from a head's, so a head's
 * signature never verifies a manifest and a manifest's never verifies a head.
 */
public final class ReportManifest {

    public static final String FORMAT = "auditlog-report-manifest-v1";
    /** The per-row proof file of an NDJSON report. */
    public static final String PROOF_FORMAT = "auditlog-report-proof-v1";

    private ReportManifest() {
    }

    /** The bytes the signature covers: the canonical form of every member but {@code signature}. */
    public static byte[] signedBytes(JsonNode manifest) {
        ObjectNode body = manifest.deepCopy();
        body.remove("signature");
        return CanonicalJson.canonicalize(body);
    }

    /**
     * Signs a manifest: sets its {@code format} and {@code keyId}, then {@code signature} (standard base64) over the
     * rest. The members are kept in the order given, signature last.
     */
    public static ObjectNode sign(ObjectNode manifest, String keyId, PrivateKey key) {
        ObjectNode body = manifest.deepCopy();
        body.remove("signature");
        body.put("format", FORMAT);
        body.put("keyId", keyId);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(signedBytes(body));
            body.put("signature", Base64.getEncoder().encodeToString(signer.sign()));
            return body;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a report manifest with key " + keyId, e);
        }
    }

    /** Whether the manifest is one, signed by one of the published keys; the problems, else none. */
    public static List<String> verify(Map<String, PublicKey> keys, JsonNode manifest) {
        List<String> problems = new ArrayList<>();
        if (manifest == null || !manifest.isObject()) {
            problems.add("the manifest is not a JSON object");
            return problems;
        }
        String format = manifest.path("format").asText("");
        if (!FORMAT.equals(format)) {
            problems.add("manifest: its format is \"" + format + "\", not " + FORMAT
                    + (TreeHead.FORMAT.equals(format) ? " (a tree head is no manifest)" : ""));
            return problems;
        }
        String keyId = manifest.path("keyId").asText("");
        PublicKey key = keys.get(keyId);
        if (key == null) {
            problems.add("manifest: key " + keyId + " is not among the published keys " + keys.keySet());
            return problems;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(manifest.path("signature").asText(""));
        } catch (IllegalArgumentException e) {
            problems.add("manifest: its signature is not base64");
            return problems;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(signedBytes(manifest));
            if (!verifier.verify(signature)) {
                problems.add("manifest: the signature does not verify with key " + keyId
                        + " (the manifest was changed, or not signed by this log)");
            }
        } catch (GeneralSecurityException e) {
            problems.add("manifest: the signature does not verify with key " + keyId + ": " + e.getMessage());
        }
        return problems;
    }
}
