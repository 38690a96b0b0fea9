package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The comments API: threads, replies, author-only edits, resolve and reopen, mentions and who may be mentioned. */
@QuarkusTest
class CommentResourceTest {

    /** A super admin with a name and address of their own (the token claims the people list is made of). */
    record Admin(String account, String userId, String name) {
        String token() {
            return LocalPlatformTestResource.identity().token(userId, account, List.of(Roles.ADMIN),
                    Duration.ofMinutes(30), Map.of("name", name, "email", userId + "@example.com"));
        }
    }

    static Admin admin(String account, String name) {
        return new Admin(account, name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8), name);
    }

    /** An account with one event "e1" and a second "e2". */
    static String accountWithEvents() {
        String account = Events.newAccount();
        record(account, List.of(Events.login("e1", 5, true), Events.securityChange("e2", 4)));
        return account;
    }

    static String comments(String eventId) {
        return "/api/v1/events/" + eventId + "/comments";
    }

    static ValidatableResponse post(Admin who, String eventId, Map<String, ?> body) {
        return as(who.token()).body(body).post(comments(eventId)).then();
    }

    static String comment(Admin who, String eventId, String text) {
        return post(who, eventId, Map.of("text", text)).statusCode(201).extract().path("id");
    }

    static ValidatableResponse patch(Admin who, String eventId, String id, Map<String, ?> body) {
        return as(who.token()).body(body).patch(comments(eventId) + "/" + id).then();
    }

    static ValidatableResponse list(Admin who, String eventId, String status) {
        var request = as(who.token());
        if (status != null) {
            request = request.queryParam("status", status);
        }
        return request.get(comments(eventId)).then();
    }

    /** Makes the person known to the service, as any call of theirs would. */
    static void seen(Admin who) {
        as(who.token()).get("/api/v1/people").then().statusCode(200);
    }

    @Test
    void aThreadWithRepliesIsListedInOrder() {
        String account = accountWithEvents();
        Admin ann = admin(account, "Ann");
        Admin bob = admin(account, "Bob");
        String top = post(ann, "e1", Map.of("text", "Who is this?\nLooks odd.")).statusCode(201)
                .header("Location", containsString("/api/v1/events/e1/comments/"))
                .body("text", equalTo("Who is this?\nLooks odd.")).body("author.userId", equalTo(ann.userId()))
                .body("author.name", equalTo("Ann")).body("version", equalTo(0)).body("resolved", equalTo(false))
                .body("replies", hasSize(0)).body("editedAt", nullValue()).body("deleted", equalTo(false))
                .extract().path("id");
        String reply = post(bob, "e1", Map.of("text", "A contractor.", "parentId", top)).statusCode(201)
                .body("parentId", equalTo(top)).body("resolved", nullValue()).body("replies", nullValue())
                .extract().path("id");
        String second = comment(bob, "e1", "Second thread");

        list(ann, "e1", null).statusCode(200).body("items", hasSize(2)).body("items[0].id", equalTo(top))
                .body("items[0].replies", hasSize(1)).body("items[0].replies[0].id", equalTo(reply))
                .body("items[0].replies[0].author.name", equalTo("Bob")).body("items[1].id", equalTo(second))
                .body("openCount", equalTo(2)).body("resolvedCount", equalTo(0));
        list(ann, "e2", null).statusCode(200).body("items", hasSize(0));
    }

    @Test
    void rolesAndAccounts() {
        String account = accountWithEvents();
        Admin ann = admin(account, "Ann");
        String id = comment(ann, "e1", "mine");
        given().get(comments("e1")).then().statusCode(401);
        given().contentType("application/json").body(Map.of("text", "x")).post(comments("e1")).then().statusCode(401);
        given().get("/api/v1/people").then().statusCode(401);
        as(Tokens.noRole(account)).get(comments("e1")).then().statusCode(403);
        as(Tokens.noRole(account)).body(Map.of("text", "x")).post(comments("e1")).then().statusCode(403);
        as(Tokens.noRole(account)).body(Map.of("version", 0, "text", "x")).patch(comments("e1") + "/" + id).then()
                .statusCode(403);
        as(Tokens.noRole(account)).delete(comments("e1") + "/" + id).then().statusCode(403);
        as(Tokens.noRole(account)).get("/api/v1/people").then().statusCode(403);
        as(Tokens.adminWithoutAccount()).get(comments("e1")).then().statusCode(403);
        as(Tokens.ingest(account)).get("/internal/v1/mentions").then().statusCode(403);

        // Another account's event and comment do not exist for this caller, even with the same event id.
        String other = accountWithEvents();
        Admin eve = admin(other, "Eve");
        list(eve, "e1", null).statusCode(200).body("items", hasSize(0));
        patch(eve, "e1", id, Map.of("version", 0, "text", "x")).statusCode(404);
        as(eve.token()).delete(comments("e1") + "/" + id).then().statusCode(404);
        list(ann, "nope", null).statusCode(404).contentType("application/problem+json");
        post(ann, "nope", Map.of("text", "x")).statusCode(404);
        patch(ann, "e2", id, Map.of("version", 0, "text", "x")).statusCode(404);
        patch(ann, "e1", "not-a-uuid", Map.of("version", 0, "text", "x")).statusCode(404);
        // A reply cannot hang under another account's comment.
        post(eve, "e1", Map.of("text", "x", "parentId", id)).statusCode(400).body("errors[0].field", equalTo("parentId"));
        list(ann, "e1", null).body("items", hasSize(1)).body("items[0].text", equalTo("mine"));
    }

    @Test
    void anEntryThePlanDoesNotShowHasNoComments() {
        String account = Events.newAccount();
        record(account, List.of(Events.login("seen", 3, true), Events.contentShared("hidden", 2)));
        as(Tokens.operator()).body(Map.of("plan", "STARTER")).put("/internal/v1/accounts/" + account + "/plan").then()
                .statusCode(200);
        Admin ann = admin(account, "Ann");
        post(ann, "hidden", Map.of("text", "x")).statusCode(404);
        list(ann, "hidden", null).statusCode(404);
        post(ann, "seen", Map.of("text", "x")).statusCode(201);
        // An id no event can have is a bad request, as for the event itself.
        list(ann, "no such id", null).statusCode(400).body("errors[0].field", equalTo("id"));
    }

    @Test
    void badInputNamesTheField() {
        String account = accountWithEvents();
        Admin ann = admin(account, "Ann");
        String top = comment(ann, "e1", "top");
        String reply = post(ann, "e1", Map.of("text", "reply", "parentId", top)).statusCode(201).extract().path("id");

        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("text", new HashMap<>());
        cases.put("text ", Map.of("text", ""));
        cases.put("text  ", Map.of("text", " \n "));
        cases.put("text   ", Map.of("text", "x".repeat(5001)));
        cases.put("text    ", Map.of("text", "a\u0000b"));
        cases.put("text     ", Map.of("text", "a\u0007b"));
        cases.put("text      ", Map.of("text", "a\tb"));
        cases.put("parentId", Map.of("text", "x", "parentId", "nope"));
        cases.put("parentId ", Map.of("text", "x", "parentId", UUID.randomUUID().toString()));
        cases.put("parentId  ", Map.of("text", "x", "parentId", reply));
        cases.put("mentions[1]", Map.of("text", "x", "mentions", List.of(ann.userId(), "nobody-here")));
        cases.put("surplus", Map.of("text", "x", "surplus", 1));
        seen(ann);
        for (var c : cases.entrySet()) {
            post(ann, "e1", c.getValue()).statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c.getKey().strip()));
        }
        post(ann, "e1", Map.of("text", "x".repeat(5000))).statusCode(201);
        post(ann, "e1", Map.of("text", "line one\r\nline two")).statusCode(201);
        post(ann, "e1", Map.of("text", "x", "parentId", reply)).statusCode(400)
                .body("errors[0].reason", containsString("one level"));
        list(ann, "e1", "closed").statusCode(400).body("errors[0].field", equalTo("status"));
        patch(ann, "e1", top, Map.of("text", "y")).statusCode(400).body("errors[0].field", equalTo("version"));
        patch(ann, "e1", top, Map.of("version", 0)).statusCode(400).body("errors[0].field", equalTo("text"));
        patch(ann, "e1", reply, Map.of("version", 0, "resolved", true)).statusCode(400)
                .body("errors[0].field", equalTo("resolved"));
        as(ann.token()).queryParam("version", "x").delete(comments("e1") + "/" + top).then().statusCode(400)
                .body("errors[0].field", equalTo("version"));
        as(ann.token()).queryParam("limit", "0").get("/api/v1/people").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void onlyTheAuthorEditsOrDeletesAndAnyAdminResolves() {
        String account = accountWithEvents();
        Admin ann = admin(account, "Ann");
        Admin bob = admin(account, "Bob");
        String id = comment(ann, "e1", "first words");

        patch(bob, "e1", id, Map.of("version", 0, "text", "bob's words")).statusCode(403)
                .contentType("application/problem+json");
        as(bob.token()).delete(comments("e1") + "/" + id).then().statusCode(403);
        patch(ann, "e1", id, Map.of("version", 0, "text", "better words")).statusCode(200)
                .body("text", equalTo("better words")).body("version", equalTo(1))
                .body("editedAt", org.hamcrest.Matchers.notNullValue());

        patch(bob, "e1", id, Map.of("version", 1, "resolved", true)).statusCode(200).body("resolved", equalTo(true))
                .body("resolvedBy.userId", equalTo(bob.userId())).body("resolvedBy.name", equalTo("Bob"))
                .body("version", equalTo(2));
        String open = comment(bob, "e1", "still open");
        list(ann, "e1", "open").body("items", hasSize(1)).body("items[0].id", equalTo(open))
                .body("openCount", equalTo(1)).body("resolvedCount", equalTo(1));
        list(ann, "e1", "resolved").body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].editedAt", org.hamcrest.Matchers.notNullValue());
        list(ann, "e1", "all").body("items", hasSize(2));

        patch(ann, "e1", id, Map.of("version", 2, "resolved", false)).statusCode(200).body("resolved", equalTo(false))
                .body("resolvedBy", nullValue()).body("resolvedAt", nullValue());
        list(ann, "e1", "open").body("items", hasSize(2));
        list(ann, "e1", "resolved").body("items", hasSize(0));
    }

    @Test
    void aDeletedCommentWithRepliesLeavesAPlaceholder() {
        String account = accountWithEvents();
        Admin ann = admin(account, "Ann");
        Admin bob = admin(account, "Bob");
        String top = comment(ann, "e1", "to be deleted");
        String reply = post(bob, "e1", Map.of("text", "an answer", "parentId", top)).statusCode(201).extract().path("id");
        String lonely = comment(ann, "e1", "no replies");

        as(ann.token()).delete(comments("e1") + "/" + top).then().statusCode(204);
        as(ann.token()).delete(comments("e1") + "/" + lonely).then().statusCode(204);
        list(bob, "e1", null).body("items", hasSize(1)).body("items[0].id", equalTo(top))
                .body("items[0].deleted", equalTo(true)).body("items[0].text", nullValue())
                .body("items[0].author", nullValue()).body("items[0].deletedAt", org.hamcrest.Matchers.notNullValue())
                .body("items[0].replies[0].text", equalTo("an answer"));
        patch(ann, "e1", top, Map.of("version", 0, "text", "back")).statusCode(409);
        as(ann.token()).delete(comments("e1") + "/" + top).then().statusCode(404);
        as(ann.token()).delete(comments("e1") + "/" + lonely).then().statusCode(404);
        assertEquals(List.of("e1"), idsWithComments(account));

        // The last reply gone, the placeholder has nothing left to hold.
        as(bob.token()).delete(comments("e1") + "/" + reply).then().statusCode(204);
        list(bob, "e1", null).body("items", hasSize(0));
        assertEquals(List.of(), idsWithComments(account));
    }

    @Test
    void aStaleVersionIsAConflict() throws Exception {
        String account = accountWithEvents();
        Admin ann = admin(account, "Ann");
        String id = comment(ann, "e1", "v0");
        patch(ann, "e1", id, Map.of("version", 0, "text", "v1")).statusCode(200);
        patch(ann, "e1", id, Map.of("version", 0, "text", "lost update")).statusCode(409)
                .contentType("application/problem+json");
        as(ann.token()).queryParam("version", "0").delete(comments("e1") + "/" + id).then().statusCode(409);
        list(ann, "e1", null).body("items[0].text", equalTo("v1"));

        // Two changes of the same version at once: one wins, the other is told to read again.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String text = "racer " + i;
                calls.add(() -> patch(ann, "e1", id, Map.of("version", 1, "text", text)).extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        list(ann, "e1", null).body("items[0].version", equalTo(2))
                .body("items[0].text", org.hamcrest.Matchers.startsWith("racer "));
    }

    @Test
    void onlyTheAccountsSuperAdminsCanBeMentioned() {
        String account = accountWithEvents();
        Admin ann = admin(account, "Ann");
        Admin bob = admin(account, "Bob");
        Admin stranger = admin(accountWithEvents(), "Stranger");
        seen(stranger);

        // Bob has never used the log: he is not known as a super admin of the account yet.
        post(ann, "e1", Map.of("text", "@Bob look", "mentions", List.of(bob.userId()))).statusCode(400)
                .body("errors[0].field", equalTo("mentions[0]"))
                .body("errors[0].reason", containsString("is not a super admin of this account"));
        post(ann, "e1", Map.of("text", "@Stranger", "mentions", List.of(stranger.userId()))).statusCode(400)
                .body("errors[0].field", equalTo("mentions[0]"));
        // Someone with the token of another role is never listed.
        as(Tokens.noRole(account)).get("/api/v1/people").then().statusCode(403);
        seen(bob);
        as(ann.token()).get("/api/v1/people").then().statusCode(200)
                .body("items.userId", equalTo(List.of(ann.userId(), bob.userId())))
                .body("items[1].name", equalTo("Bob")).body("items[1].email", equalTo(bob.userId() + "@example.com"));
        as(ann.token()).queryParam("q", "bo").get("/api/v1/people").then()
                .body("items.userId", equalTo(List.of(bob.userId())));
        as(ann.token()).queryParam("q", "%").get("/api/v1/people").then().body("items", hasSize(0));
        post(ann, "e1", Map.of("text", "@Bob look", "mentions", List.of(bob.userId(), bob.userId()))).statusCode(201)
                .body("mentions", hasSize(1)).body("mentions[0].userId", equalTo(bob.userId()))
                .body("mentions[0].name", equalTo("Bob"));
    }

    @Test
    void theLogFiltersEntriesWithComments() {
        String account = accountWithEvents();
        Admin ann = admin(account, "Ann");
        assertEquals(List.of(), idsWithComments(account));
        comment(ann, "e2", "on e2");
        assertEquals(List.of("e2"), idsWithComments(account));
        as(Tokens.admin(account)).queryParam("hasComments", "yes").get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("hasComments"));
        // Every entry: the two recorded, and the AUDIT_LOG record of the searches above (written by the admin).
        assertEquals(List.of("e2", "e1"), as(Tokens.admin(account)).queryParam("hasComments", "false")
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath().getList("items", Map.class)
                .stream().filter(e -> !"AUDIT_LOG".equals(e.get("category"))).map(e -> e.get("id")).toList());
    }

    static List<String> idsWithComments(String account) {
        return as(Tokens.admin(account)).queryParam("hasComments", "true").get("/api/v1/events").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
    }
}
