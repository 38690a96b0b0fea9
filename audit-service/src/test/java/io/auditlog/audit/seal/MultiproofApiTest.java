package io.auditlog.audit.seal;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.LogAccessOff;
import io.auditlog.audit.support.Seals;
import io.auditlog.audit.support.Tokens;
import io.auditlog.integrity.EventLeaf;
import io.auditlog.integrity.Hashes;
import io.auditlog.integrity.Multiproof;
import io.auditlog.integrity.TreeHead;
import io.auditlog.integrity.Verifier;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** POST /api/v1/integrity/multiproof: many events' leaves under one head, checked by the offline library. */
@QuarkusTest
@TestProfile(LogAccessOff.class)
class MultiproofApiTest {

    private static final String PATH = "/api/v1/integrity/multiproof";

    @Inject
    Sealer sealer;

    @Inject
    HeadSigner signer;

    static ValidatableResponse post(String token, String account, Object body) {
        return as(token).contentType(ContentType.JSON).body(body)
                .post(PATH + (account == null ? "" : "?account=" + account)).then();
    }

    @Test
    void theLeavesOfAnyEventsMakeTheSignedRootWithTheProof() {
        String account = Events.newAccount();
        record(account, List.of(Events.login("m-1", 50, false), Events.contactDeleted("m-2", 40),
                Events.contentShared("m-3", 30), Events.securityChange("m-4", 20), Events.login("m-5", 10, true)));
        TreeHead head = Seals.sealedUpTo(account, 5, sealer, signer);
        // Asked out of leaf order and with a repeat: answered in the order asked, proved once each.
        List<String> ids = List.of("m-4", "m-1", "m-5", "m-1");
        JsonNode answer = Seals.json(post(Tokens.exportClient(), account, Map.of("eventIds", ids)).statusCode(200)
                .body("treeHead.treeSize", equalTo(5)).body("sealedSize", equalTo(5)).extract().asString());
        TreeHead served = TreeHead.fromJson(answer.get("treeHead"));
        assertEquals(List.of(), Verifier.head(Seals.keys(account), served));
        assertArrayEquals(head.rootHash(), served.rootHash());
        List<Long> indexes = new ArrayList<>();
        answer.get("leafIndexes").forEach(i -> indexes.add(i.asLong()));
        List<byte[]> hashes = Hashes.fromBase64List(answer.get("leafHashes"), "leafHashes");
        for (int i = 0; i < ids.size(); i++) {
            assertArrayEquals(EventLeaf.leafHash(Seals.event(account, ids.get(i))), hashes.get(i), ids.get(i));
        }
        assertEquals(indexes.get(1), indexes.get(3));
        long[] sorted = indexes.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
        List<byte[]> sortedHashes = new ArrayList<>();
        for (long index : sorted) {
            sortedHashes.add(hashes.get(indexes.indexOf(index)));
        }
        assertTrue(Multiproof.verify(sorted, sortedHashes, 5, Hashes.fromBase64List(answer.get("nodes"), "nodes"),
                head.rootHash()));

        // An admin of the account may ask too; an empty list answers the newest head alone.
        post(Tokens.admin(account), null, Map.of("eventIds", List.of())).statusCode(200)
                .body("treeHead.treeSize", equalTo(5)).body("nodes", hasSize(0));
        // A named size is that head's.
        post(Tokens.exportClient(), account, Map.of("treeSize", 5, "eventIds", List.of("m-2"))).statusCode(200)
                .body("leafIndexes[0]", equalTo(1));
    }

    @Test
    void anEventNotSealedUnderTheHeadIsA409AndAnUnknownEventOrUnsignedSizeA404() {
        String account = Events.newAccount();
        post(Tokens.exportClient(), account, Map.of("eventIds", List.of())).statusCode(200)
                .body("treeHead", nullValue()).body("sealedSize", equalTo(0));
        post(Tokens.exportClient(), account, Map.of("eventIds", List.of("x"))).statusCode(409)
                .contentType("application/problem+json");
        record(account, List.of(Events.login("p-1", 30, false), Events.login("p-2", 20, false)));
        Seals.sealedUpTo(account, 2, sealer, signer);
        record(account, List.of(Events.login("p-3", 10, false)));
        Seals.sealedUpTo(account, 3, sealer, signer);
        post(Tokens.exportClient(), account, Map.of("treeSize", 2, "eventIds", List.of("p-1", "p-3"))).statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("p-3 is leaf 2"));
        post(Tokens.exportClient(), account, Map.of("treeSize", 7, "eventIds", List.of("p-1"))).statusCode(404)
                .body("errors[0].field", equalTo("treeSize"));
        post(Tokens.exportClient(), account, Map.of("eventIds", List.of("p-1", "never-recorded"))).statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("never-recorded"))
                .body("errors[0].field", equalTo("eventIds"));
    }

    @Test
    void onlyTheExportClientOrTheAccountsAdminAndNeverAnotherAccountsLeaves() {
        String account = Events.newAccount();
        String other = Events.newAccount();
        record(account, List.of(Events.login("q-1", 10, false)));
        Seals.sealedUpTo(account, 1, sealer, signer);
        record(other, List.of(Events.login("q-2", 10, false)));
        Seals.sealedUpTo(other, 1, sealer, signer);
        Map<String, Object> body = Map.of("eventIds", List.of("q-1"));
        given().contentType(ContentType.JSON).body(body).post(PATH + "?account=" + account).then().statusCode(401);
        post(Tokens.forged(account), account, body).statusCode(401);
        post(Tokens.noRole(account), account, body).statusCode(403);
        post(Tokens.ingest(account), account, body).statusCode(403);
        post(Tokens.feed(), account, body).statusCode(403);
        post(Tokens.adminWithoutAccount(), account, body).statusCode(403);
        // Another account's admin cannot name this account, and in its own the event is not there.
        post(Tokens.admin(other), account, body).statusCode(400).body("errors[0].field", equalTo("account"));
        post(Tokens.admin(other), null, body).statusCode(404).body("detail", containsString("q-1"));
        post(Tokens.exportClient(), other, body).statusCode(404);
        post(Tokens.exportClient(), account, body).statusCode(200).body("leafIndexes[0]", equalTo(0));
    }

    @Test
    void badInputIsA400NamingTheField() {
        String account = Events.newAccount();
        String client = Tokens.exportClient();
        post(client, null, Map.of("eventIds", List.of())).statusCode(400).body("errors[0].field", equalTo("account"));
        post(client, "bad account!", Map.of("eventIds", List.of())).statusCode(400)
                .body("errors[0].field", equalTo("account"));
        post(client, account, Map.of()).statusCode(400).body("errors[0].field", equalTo("eventIds"));
        post(client, account, Map.of("treeSize", 0, "eventIds", List.of())).statusCode(400)
                .body("errors[0].field", equalTo("treeSize"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            tooMany.add("e-" + i);
        }
        post(client, account, Map.of("eventIds", tooMany)).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("eventIds"));
        post(client, account, Map.of("eventIds", java.util.Arrays.asList("a", " "))).statusCode(400)
                .body("errors[0].field", equalTo("eventIds[1]"));
        post(client, account, "{\"eventIds\": \"x\"}").statusCode(400).contentType("application/problem+json");
        post(client, account, "{\"eventIds\": [], \"extra\": 1}").statusCode(400)
                .contentType("application/problem+json");
    }
}
