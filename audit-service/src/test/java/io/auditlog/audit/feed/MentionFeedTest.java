package io.auditlog.audit.feed;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The mentions feed: one record per (comment, mentioned person), written with the comment, each read exactly once
 * by a consumer paging from the start, also when an edit mentions someone again or adds someone.
 */
@QuarkusTest
class MentionFeedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    record Admin(String account, String userId, String name) {
        String token() {
            return LocalPlatformTestResource.identity().token(userId, account, List.of(Roles.ADMIN),
                    Duration.ofMinutes(30), Map.of("name", name, "email", userId + "@example.com"));
        }
    }

    static Admin admin(String account, String name) {
        Admin admin = new Admin(account, name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8), name);
        as(admin.token()).get("/api/v1/people").then().statusCode(200);
        return admin;
    }

    /** A mention as the feed carries it, reduced to what makes it once-only and whom it is for. */
    record Seen(String commentId, String userId, String email, String excerpt) {
    }

    @Test
    void eachMentionIsPublishedOnceIncludingOnesAddedByAnEdit() throws Exception {
        String account = Events.newAccount();
        record(account, List.of(Events.login("e1", 3, true)));
        Admin ann = admin(account, "Ann");
        Admin bob = admin(account, "Bob");
        Admin cy = admin(account, "Cy");

        String first = as(ann.token()).body(Map.of("text", "@Bob have a look", "mentions", List.of(bob.userId())))
                .post("/api/v1/events/e1/comments").then().statusCode(201).extract().path("id");
        // The same text again, then an edit that keeps Bob and adds Cy: only Cy is new.
        as(ann.token()).body(Map.of("version", 0, "text", "@Bob have a look", "mentions", List.of(bob.userId())))
                .patch("/api/v1/events/e1/comments/" + first).then().statusCode(200);
        as(ann.token()).body(Map.of("version", 1, "text", "@Bob @Cy have a look",
                "mentions", List.of(bob.userId(), cy.userId())))
                .patch("/api/v1/events/e1/comments/" + first).then().statusCode(200);
        // An edit that drops Bob and brings him back mentions him no second time.
        as(ann.token()).body(Map.of("version", 2, "text", "@Cy", "mentions", List.of(cy.userId())))
                .patch("/api/v1/events/e1/comments/" + first).then().statusCode(200);
        as(ann.token()).body(Map.of("version", 3, "text", "@Bob @Cy", "mentions", List.of(bob.userId(), cy.userId())))
                .patch("/api/v1/events/e1/comments/" + first).then().statusCode(200);
        String reply = as(bob.token()).body(Map.of("text", "@Ann done", "parentId", first,
                "mentions", List.of(ann.userId()))).post("/api/v1/events/e1/comments").then().statusCode(201)
                .extract().path("id");
        // Resolving is no mention.
        as(bob.token()).body(Map.of("version", 4, "resolved", true)).patch("/api/v1/events/e1/comments/" + first)
                .then().statusCode(200);

        List<Seen> expected = List.of(new Seen(first, bob.userId(), bob.userId() + "@example.com", "@Bob have a look"),
                new Seen(first, cy.userId(), cy.userId() + "@example.com", "@Bob @Cy have a look"),
                new Seen(reply, ann.userId(), ann.userId() + "@example.com", "@Ann done"));
        List<Seen> seen = awaitAccount(account, expected.size(), 2);
        assertEquals(expected, seen);
    }

    @Test
    void thePageContractAndItsParameters() {
        as(Tokens.feed()).get("/internal/v1/mentions").then().statusCode(200)
                .body("next", org.hamcrest.Matchers.notNullValue());
        as(Tokens.feed()).queryParam("limit", "0").get("/internal/v1/mentions").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(Tokens.feed()).queryParam("after", "nonsense").get("/internal/v1/mentions").then().statusCode(400)
                .body("errors[0].field", equalTo("after"));
        as(Tokens.admin(Events.newAccount())).get("/internal/v1/mentions").then().statusCode(403);
    }

    /** Pages the whole feed from the start (small pages) until the account's records are all there. */
    private static List<Seen> awaitAccount(String account, int count, int pageSize) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<Seen> seen;
        do {
            seen = new ArrayList<>();
            String after = "";
            while (true) {
                JsonPath page = as(Tokens.feed()).queryParam("after", after).queryParam("limit", pageSize)
                        .get("/internal/v1/mentions").then().statusCode(200).extract().jsonPath();
                List<Map<String, Object>> items = page.getList("items");
                for (Map<String, Object> item : items) {
                    if (account.equals(item.get("accountId"))) {
                        assertEquals("e1", item.get("eventId"));
                        assertTrue(item.get("createdAt") != null && item.get("authorName") != null, item.toString());
                        seen.add(new Seen((String) item.get("commentId"), (String) item.get("mentionedUserId"),
                                (String) item.get("mentionedEmail"), (String) item.get("excerpt")));
                    }
                }
                String next = page.getString("next");
                if (items.isEmpty()) {
                    assertEquals(after.isEmpty() ? next : after, next, "an empty page keeps the position");
                    break;
                }
                after = next;
            }
            if (seen.size() >= count) {
                return seen;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return seen;
    }
}
