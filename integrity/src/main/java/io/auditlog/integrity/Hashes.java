package io.auditlog.integrity;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Hashes as they travel in JSON: standard base64, as Certificate Transparency's and Trillian's APIs send them. */
public final class Hashes {

    private Hashes() {
    }

    public static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }

    public static ArrayNode base64List(List<byte[]> hashes) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        hashes.forEach(h -> list.add(base64(h)));
        return list;
    }

    /** A JSON array of base64 hashes; {@code field} names it in the error. */
    public static List<byte[]> fromBase64List(JsonNode list, String field) {
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(field + " is not a list of hashes");
        }
        List<byte[]> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            byte[] hash;
            try {
                hash = Base64.getDecoder().decode(list.get(i).asText(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "[" + i + "] is not base64", e);
            }
            if (hash.length != Merkle.HASH_SIZE) {
                throw new IllegalArgumentException(field + "[" + i + "] is not a SHA-256 hash");
            }
            out.add(hash);
        }
        return out;
    }
}
