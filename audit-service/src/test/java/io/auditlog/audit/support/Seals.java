package io.auditlog.audit.support;

import static io.auditlog.audit.support.Api.as;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.audit.seal.HeadSigner;
import io.auditlog.audit.seal.Sealer;
import io.auditlog.integrity.CanonicalJson;
import io.auditlog.integrity.Jwks;
import io.auditlog.integrity.TreeHead;
import io.auditlog.integrity.Verifier;

/** The tamper-evident log as a customer's tools see it: through the API, checked by the integrity library. */
public final class Seals {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private Seals() {
    }

    /** Seals and signs until the account's newest head has {@code size} leaves; answers that head. */
    public static TreeHead sealedUpTo(String account, long size, Sealer sealer, HeadSigner signer) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            sealer.pass().await().atMost(PATIENCE);
            signer.signDue().await().atMost(PATIENCE);
            TreeHead head = newestHead(account);
            if (head != null && head.treeSize() == size) {
                return head;
            }
            if (head != null && head.treeSize() > size) {
                fail("account " + account + " has a head of " + head.treeSize() + " leaves, more than " + size);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("account " + account + " got no signed head of " + size + " leaves in " + PATIENCE);
    }

    public static TreeHead newestHead(String account) {
        JsonNode heads = json(as(Tokens.admin(account)).get("/api/v1/integrity/tree-heads?limit=1").then()
                .statusCode(200).extract().asString());
        return heads.get("items").isEmpty() ? null : TreeHead.fromJson(heads.get("items").get(0));
    }

    public static Map<String, PublicKey> keys(String account) {
        return Jwks.parse(json(as(Tokens.admin(account)).get("/api/v1/integrity/keys").then().statusCode(200)
                .extract().asString()));
    }

    public static JsonNode event(String account, String id) {
        return json(as(Tokens.admin(account)).get("/api/v1/events/" + id).then().statusCode(200).extract().asString());
    }

    public static JsonNode proof(String account, String id, long treeSize) {
        return json(as(Tokens.admin(account)).get("/api/v1/events/" + id + "/proof?treeSize=" + treeSize).then()
                .statusCode(200).extract().asString());
    }

    /** Every leaf of the account, through the paged leaves endpoint. */
    public static List<Verifier.Leaf> leaves(String account) {
        List<Verifier.Leaf> leaves = new ArrayList<>();
        String from = "0";
        while (from != null) {
            JsonNode page = json(as(Tokens.admin(account)).get("/api/v1/integrity/leaves?limit=2&from=" + from)
                    .then().statusCode(200).extract().asString());
            for (JsonNode leaf : page.get("items")) {
                leaves.add(new Verifier.Leaf(leaf.get("leafIndex").asLong(), leaf.get("eventId").asText(),
                        java.util.Base64.getDecoder().decode(leaf.get("leafHash").asText())));
            }
            from = page.get("next").isNull() ? null : page.get("next").asText();
        }
        return leaves;
    }

    /** Every event of the account the search shows (the last 30 days), by id, as the API returns them. */
    public static Map<String, JsonNode> events(String account) {
        JsonNode page = json(as(Tokens.admin(account)).get("/api/v1/events?limit=500").then().statusCode(200)
                .extract().asString());
        Map<String, JsonNode> events = new LinkedHashMap<>();
        page.get("items").forEach(e -> events.put(e.get("id").asText(), e));
        return events;
    }

    public static JsonNode json(String text) {
        return CanonicalJson.parse(text);
    }
}
