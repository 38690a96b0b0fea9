package io.auditlog.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ReportManifestTest {

    static final KeyPair KEY = Ed25519Keys.generate();
    static final Map<String, PublicKey> KEYS = Map.of("k1", KEY.getPublic());

    static ObjectNode manifest() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("exportId", "e1");
        m.put("accountId", "acme");
        m.putObject("request").put("from", "2026-11-01T00:00:00Z");
        m.put("rows", 3);
        return m;
    }

    @Test
    void aSignedManifestVerifiesAndAnyChangeIsNamed() {
        ObjectNode signed = ReportManifest.sign(manifest(), "k1", KEY.getPrivate());
        assertEquals(ReportManifest.FORMAT, signed.get("format").asText());
        assertEquals(List.of(), ReportManifest.verify(KEYS, signed));

        ObjectNode period = signed.deepCopy();
        ((ObjectNode) period.get("request")).put("from", "2026-10-01T00:00:00Z");
        assertTrue(ReportManifest.verify(KEYS, period).get(0).contains("signature does not verify"));

        ObjectNode other = ReportManifest.sign(manifest(), "k1", Ed25519Keys.generate().getPrivate());
        assertTrue(ReportManifest.verify(KEYS, other).get(0).contains("signature does not verify"));
        ObjectNode unknown = ReportManifest.sign(manifest(), "k9", KEY.getPrivate());
        assertTrue(ReportManifest.verify(KEYS, unknown).get(0).contains("not among the published keys"));
    }

    @Test
    void aHeadNeverVerifiesAsAManifestNorAManifestAsAHead() {
        TreeHead head = TreeHead.sign("acme", 5, Merkle.leafHash(new byte[] { 1 }), "2026-11-30T10:00:00Z", "k1",
                KEY.getPrivate());
        ObjectNode headJson = head.toJson();
        assertTrue(ReportManifest.verify(KEYS, headJson).get(0).contains("a tree head is no manifest"));
        // Relabelled, the head's own signature no longer covers what it claims to be.
        ObjectNode relabelled = headJson.deepCopy();
        relabelled.put("format", ReportManifest.FORMAT);
        assertTrue(ReportManifest.verify(KEYS, relabelled).get(0).contains("signature does not verify"));

        ObjectNode signed = ReportManifest.sign(manifest(), "k1", KEY.getPrivate());
        assertThrows(IllegalArgumentException.class, () -> TreeHead.fromJson(signed));
        ObjectNode asHead = head.toJson();
        asHead.put("signature", signed.get("signature").asText());
        assertTrue(!TreeHead.fromJson(asHead).verify(KEY.getPublic()));
    }
}
