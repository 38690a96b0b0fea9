package io.auditlog.audit.seal;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.audit.support.LogAccessOff;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Seals;
import io.auditlog.audit.support.Tokens;
import io.auditlog.integrity.TreeHead;
import io.auditlog.integrity.Verifier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The integrity API over real HTTP with real tokens, checked by the offline library as a customer would. */
@QuarkusTest
// Counts the account's leaves exactly and reads the events with a super admin's token: the log's own records of
// those reads would be leaves too.
@TestProfile(LogAccessOff.class)
class IntegrityApiTest {

    @Inject
    Sealer sealer;

    @Inject
    HeadSigner signer;

    @Test
    void everyEventVerifiesUnderTheSignedHeadAndLaterHeadsExtendEarlierOnes() {
        String account = Events.newAccount();
        record(account, List.of(Events.login("a-1", 50, false), Events.contactDeleted("a-2", 40),
                Events.contentShared("a-3", 30), Events.securityChange("a-4", 20), Events.login("a-5", 10, true)));
        TreeHead five = Seals.sealedUpTo(account, 5, sealer, signer);
        Map<String, PublicKey> keys = Seals.keys(account);
        assertEquals(List.of(), Verifier.head(keys, five));
        for (String id : List.of("a-1", "a-2", "a-3", "a-4", "a-5")) {
            JsonNode proof = Seals.proof(account, id, 5);
            assertEquals(List.of(), Verifier.event(keys, five, Seals.event(account, id), proof), id);
        }
        // The default head is the newest.
        as(Tokens.admin(account)).get("/api/v1/events/a-3/proof").then().statusCode(200)
                .body("eventId", equalTo("a-3")).body("treeHead.treeSize", equalTo(5)).body("leafVersion", equalTo(1));

        record(account, List.of(Events.login("a-6", 5, true), Events.contactDeleted("a-7", 4),
                Events.login("a-8", 3, false)));
        TreeHead eight = Seals.sealedUpTo(account, 8, sealer, signer);
        JsonNode consistency = Seals.json(as(Tokens.admin(account)).get("/api/v1/integrity/consistency?from=5&to=8")
                .then().statusCode(200).extract().asString());
        assertEquals(List.of(), Verifier.consistency(keys, five, eight, consistency));
        assertEquals(List.of(), Verifier.event(keys, eight, Seals.event(account, "a-1"), Seals.proof(account, "a-1", 8)));
        assertEquals(List.of(), Verifier.log(keys, eight, Seals.leaves(account), Seals.events(account),
                Duration.ofMinutes(5)));

        JsonNode heads = Seals.json(as(Tokens.admin(account)).get("/api/v1/integrity/tree-heads").then()
                .statusCode(200).extract().asString()).get("items");
        assertEquals(8, heads.get(0).get("treeSize").asLong(), "newest first");
        for (JsonNode head : heads) {
            assertEquals(List.of(), Verifier.head(keys, TreeHead.fromJson(head)));
        }
    }

    @Test
    void theNdjsonExportOfTheWholeLogVerifiesAgainstTheHeadAsItIs() {
        String account = Events.newAccount();
        record(account, List.of(Events.login("n-1", 40, false), Events.contactDeleted("n-2", 30),
                Events.contentShared("n-3", 20), Events.securityChange("n-4", 10)));
        TreeHead head = Seals.sealedUpTo(account, 4, sealer, signer);
        String ndjson = as(Tokens.admin(account)).get("/api/v1/events/export?format=ndjson").then().statusCode(200)
                .extract().asString();
        Map<String, JsonNode> events = new java.util.LinkedHashMap<>();
        ndjson.lines().filter(line -> !line.isBlank()).map(Seals::json)
                .forEach(event -> events.put(event.get("id").asText(), event));
        assertEquals(4, events.size());
        assertEquals(List.of(), Verifier.log(Seals.keys(account), head, Seals.leaves(account), events,
                Duration.ofMinutes(5)));
    }

    /**
     * Numbers at the edges of what canonicalization writes are sealed and verify: a subnormal double erdtman's
     * serializer cannot write (such an event once stopped the sealer for every account), integers a double does not
     * hold, and the negative zero. (Ingest refuses more than 309 integer digits, so nothing beyond a double.)
     */
    @Test
    void eventsWithNumbersAtTheEdgesAreSealedAndVerify() {
        String account = Events.newAccount();
        Map<String, Object> odd = Events.login("e-1", 10, false);
        odd.put("details", Map.of("tiny", new java.math.BigDecimal("1e-314"), "long", 1234567890123456789L, "negativeZero", new java.math.BigDecimal("-0.0"),
                "list", List.of(new java.math.BigDecimal("-2.5e-320"), 1e21, 0.1)));
        record(account, List.of(odd, Events.login("e-2", 5, false)));
        TreeHead head = Seals.sealedUpTo(account, 2, sealer, signer);
        Map<String, PublicKey> keys = Seals.keys(account);
        for (String id : List.of("e-1", "e-2")) {
            assertEquals(List.of(), Verifier.event(keys, head, Seals.event(account, id), Seals.proof(account, id, 2)), id);
        }
    }

    @Test
    void aProofAnswersWhetherAndUnderWhichHeadAnEventIsSealed() {
        String account = Events.newAccount();
        record(account, List.of(Events.login("b-1", 30, false), Events.login("b-2", 20, false)));
        Seals.sealedUpTo(account, 2, sealer, signer);
        record(account, List.of(Events.login("b-3", 10, false)));
        Seals.sealedUpTo(account, 3, sealer, signer);
        as(Tokens.admin(account)).get("/api/v1/events/b-3/proof?treeSize=2").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("leaf 2"));
        as(Tokens.admin(account)).get("/api/v1/events/b-3/proof?treeSize=7").then().statusCode(404)
                .contentType("application/problem+json").body("errors[0].field", equalTo("treeSize"));
        as(Tokens.admin(account)).get("/api/v1/events/b-1/proof?treeSize=2").then().statusCode(200)
                .body("leafIndex", equalTo(0)).body("inclusionProof", hasSize(1));
    }

    @Test
    void everyEndpointNeedsAnAdminOfTheAccountAndShowsOnlyItsOwnTree() {
        String account = Events.newAccount();
        String other = Events.newAccount();
        record(account, List.of(Events.login("c-1", 10, false), Events.login("c-2", 5, false)));
        Seals.sealedUpTo(account, 2, sealer, signer);
        List<String> paths = List.of("/api/v1/integrity/tree-heads", "/api/v1/integrity/keys",
                "/api/v1/integrity/leaves", "/api/v1/integrity/consistency?from=2&to=2", "/api/v1/events/c-1/proof");
        for (String path : paths) {
            given().get(path).then().statusCode(401);
            as(Tokens.forged(account)).get(path).then().statusCode(401);
            as(Tokens.noRole(account)).get(path).then().statusCode(403);
            as(Tokens.ingest(account)).get(path).then().statusCode(403);
            as(Tokens.adminWithoutAccount()).get(path).then().statusCode(403);
            as(Tokens.admin(account)).get(path).then().statusCode(200);
        }
        as(Tokens.admin(other)).get("/api/v1/events/c-1/proof").then().statusCode(404)
                .contentType("application/problem+json");
        as(Tokens.admin(other)).get("/api/v1/integrity/tree-heads").then().statusCode(200).body("items", hasSize(0));
        as(Tokens.admin(other)).get("/api/v1/integrity/leaves").then().statusCode(200).body("items", hasSize(0));
        as(Tokens.admin(other)).get("/api/v1/integrity/consistency?from=2&to=2").then().statusCode(404)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void badInputIsA400NamingTheParameter() {
        String account = Events.newAccount();
        record(account, List.of(Events.login("d-1", 10, false)));
        Seals.sealedUpTo(account, 1, sealer, signer);
        Object[][] cases = { { "/api/v1/integrity/tree-heads?limit=0", "limit" },
                { "/api/v1/integrity/tree-heads?limit=101", "limit" }, { "/api/v1/integrity/tree-heads?limit=x", "limit" },
                { "/api/v1/integrity/leaves?from=-1", "from" }, { "/api/v1/integrity/leaves?limit=1001", "limit" },
                { "/api/v1/integrity/consistency?to=1", "from" }, { "/api/v1/integrity/consistency?from=1", "to" },
                { "/api/v1/integrity/consistency?from=0&to=1", "from" },
                { "/api/v1/integrity/consistency?from=2&to=1", "from" },
                { "/api/v1/integrity/consistency?from=1&to=99999999999999999999", "to" },
                { "/api/v1/events/d-1/proof?treeSize=0", "treeSize" }, { "/api/v1/events/d-1/proof?treeSize=1e3", "treeSize" },
                { "/api/v1/events/" + "x".repeat(200) + "/proof", "id" } };
        for (Object[] c : cases) {
            as(Tokens.admin(account)).get((String) c[0]).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c[1]));
        }
        as(Tokens.admin(account)).get("/api/v1/events/no-such-event/proof").then().statusCode(404);
    }

    @Test
    void theKeysAreAJwkSetOfEd25519Keys() {
        String account = Events.newAccount();
        JsonNode keys = Seals.json(as(Tokens.admin(account)).get("/api/v1/integrity/keys").then().statusCode(200)
                .extract().asString());
        JsonNode key = keys.get("keys").get(0);
        assertEquals("OKP", key.get("kty").asText());
        assertEquals("Ed25519", key.get("crv").asText());
        assertEquals("audit-1", key.get("kid").asText());
        assertTrue(key.get("x").asText().length() >= 43);
    }
}
