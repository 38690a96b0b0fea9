package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;

/** The in-app list: newest first, paged, unread count, read marks, and only ever the caller's own. */
@QuarkusTest
class InboxTest {

    @Test
    void listPagesNewestFirstAndMarksRead() throws Exception {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Admin bob = Accounts.admin(account, "bob");
        Accounts.subscribe(ann, false, true, 10);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(Accounts.adminRemoved("inbox-" + System.nanoTime() + "-" + i));
            Accounts.record(account, List.of(events.get(i)));
            Thread.sleep(20);
        }
        Eventually.holds(Duration.ofSeconds(20), () -> given().auth().oauth2(ann.token()).get("/api/v1/notifications")
                .then().extract().path("unreadCount").equals(5));

        var first = given().auth().oauth2(ann.token()).queryParam("limit", 3).get("/api/v1/notifications").then()
                .statusCode(200).body("items", hasSize(3)).body("unreadCount", equalTo(5))
                .body("nextCursor", notNullValue()).extract();
        List<String> firstIds = first.path("items.id");
        List<String> firstEvents = first.path("items.eventId");
        assertEquals(List.of(id(events, 4), id(events, 3), id(events, 2)), firstEvents, "newest first");
        var second = given().auth().oauth2(ann.token()).queryParam("limit", 3)
                .queryParam("cursor", (String) first.path("nextCursor")).get("/api/v1/notifications").then()
                .statusCode(200).body("items", hasSize(2)).body("nextCursor", nullValue()).extract();
        assertEquals(List.of(id(events, 1), id(events, 0)), second.path("items.eventId"));

        given().auth().oauth2(ann.token()).post("/api/v1/notifications/" + firstIds.get(0) + "/read").then()
                .statusCode(200).body("read", equalTo(true)).body("readAt", notNullValue());
        given().auth().oauth2(ann.token()).post("/api/v1/notifications/" + firstIds.get(0) + "/read").then()
                .statusCode(200);
        given().auth().oauth2(ann.token()).queryParam("unread", "true").get("/api/v1/notifications").then()
                .body("items", hasSize(4)).body("unreadCount", equalTo(4));

        // Another user of the same account, and the same user id in another account, cannot touch it.
        given().auth().oauth2(bob.token()).post("/api/v1/notifications/" + firstIds.get(1) + "/read").then()
                .statusCode(404).contentType("application/problem+json");
        Admin twin = new Admin(Accounts.newAccount(), ann.userId(), ann.email());
        given().auth().oauth2(twin.token()).post("/api/v1/notifications/" + firstIds.get(1) + "/read").then()
                .statusCode(404);
        given().auth().oauth2(twin.token()).get("/api/v1/notifications").then().body("items", hasSize(0))
                .body("unreadCount", equalTo(0));
        given().auth().oauth2(bob.token()).get("/api/v1/notifications").then().body("items", hasSize(0));

        given().auth().oauth2(ann.token()).post("/api/v1/notifications/read").then().statusCode(200)
                .body("marked", equalTo(4));
        given().auth().oauth2(ann.token()).get("/api/v1/notifications").then().body("unreadCount", equalTo(0));
    }

    @Test
    void badListParametersAreProblems() {
        Admin ann = Accounts.admin(Accounts.newAccount(), "ann");
        given().auth().oauth2(ann.token()).queryParam("limit", 0).get("/api/v1/notifications").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(ann.token()).queryParam("limit", "many").get("/api/v1/notifications").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(ann.token()).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/notifications")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(ann.token()).queryParam("unread", "maybe").get("/api/v1/notifications").then()
                .statusCode(400).body("errors[0].field", equalTo("unread"));
        given().auth().oauth2(ann.token()).post("/api/v1/notifications/not-a-uuid/read").then().statusCode(404);
    }

    private static String id(List<Map<String, Object>> events, int i) {
        return (String) events.get(i).get("id");
    }
}
