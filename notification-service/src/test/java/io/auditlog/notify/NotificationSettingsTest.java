package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.local.testing.LocalPlatformTestResource;
import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class NotificationSettingsTest {

    private static final String SETTINGS = "/api/v1/notification-settings";

    @Test
    void defaultsUntilSavedThenWhatWasSaved() {
        Admin ann = Accounts.admin(Accounts.newAccount(), "ann");
        given().auth().oauth2(ann.token()).get(SETTINGS).then().statusCode(200)
                .body("email", equalTo(ann.email()))
                .body("alerts.multipleExports", equalTo(false)).body("alerts.adminPermissionRemoved", equalTo(false))
                .body("mail.exportReady", equalTo(true)).body("mail.mentions", equalTo(true))
                .body("multipleExportsThreshold", equalTo(10));

        given().auth().oauth2(ann.token()).contentType(ContentType.JSON)
                .body(settings(true, false, false, 3, ann.email())).put(SETTINGS).then().statusCode(200)
                .body("alerts.multipleExports", equalTo(true)).body("mail.exportReady", equalTo(false))
                .body("multipleExportsThreshold", equalTo(3));
        given().auth().oauth2(ann.token()).get(SETTINGS).then().statusCode(200)
                .body("alerts.multipleExports", equalTo(true)).body("alerts.adminPermissionRemoved", equalTo(false))
                .body("mail.exportReady", equalTo(false)).body("multipleExportsThreshold", equalTo(3));
    }

    @Test
    void theThresholdIsTheAccountsAndSubscriptionsAreTheUsers() {
        String account = Accounts.newAccount();
        Admin ann = Accounts.admin(account, "ann");
        Admin bob = Accounts.admin(account, "bob");
        Admin other = new Admin(Accounts.newAccount(), ann.userId(), ann.email());
        Accounts.subscribe(ann, true, true, 4);

        given().auth().oauth2(bob.token()).get(SETTINGS).then().statusCode(200)
                .body("multipleExportsThreshold", equalTo(4)).body("alerts.multipleExports", equalTo(false));
        // The same user id in another account has nothing of this account's.
        given().auth().oauth2(other.token()).get(SETTINGS).then().statusCode(200)
                .body("multipleExportsThreshold", equalTo(10)).body("alerts.adminPermissionRemoved", equalTo(false));
    }

    @Test
    void badSettingsAreRefusedByFieldAndNothingIsHalfSaved() {
        Admin ann = Accounts.admin(Accounts.newAccount(), "ann");
        Accounts.subscribe(ann, false, true, 7);

        put(ann, Map.of("mail", Map.of("exportReady", true, "mentions", true), "multipleExportsThreshold", 5))
                .body("errors.field", hasItem("alerts"));
        put(ann, settings(true, true, true, 0, null)).body("errors.field", hasItem("multipleExportsThreshold"));
        put(ann, Map.of("alerts", Map.of("multipleExports", true), "mail", Map.of("exportReady", true, "mentions", true),
                "multipleExportsThreshold", 5)).body("errors.field", hasItem("alerts.adminPermissionRemoved"));
        put(ann, settings(true, true, true, 5, "someone.else@example.com")).body("errors.field", hasItem("email"));
        Map<String, Object> unknownField = new java.util.HashMap<>(settings(true, true, true, 5, null));
        unknownField.put("digest", "weekly");
        put(ann, unknownField).body("errors.field", hasItem("digest"));
        given().auth().oauth2(ann.token()).contentType(ContentType.JSON).body("{\"alerts\": tru").put(SETTINGS).then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ann.token()).contentType(ContentType.JSON).body(Map.of("alerts", "yes",
                "mail", Map.of(), "multipleExportsThreshold", 5)).put(SETTINGS).then().statusCode(400)
                .body("errors.field", hasItem("alerts"));

        given().auth().oauth2(ann.token()).get(SETTINGS).then().statusCode(200)
                .body("alerts.multipleExports", equalTo(false)).body("alerts.adminPermissionRemoved", equalTo(true))
                .body("multipleExportsThreshold", equalTo(7));
    }

    @Test
    void alertsNeedAMailAddress() {
        String account = Accounts.newAccount();
        String noMail = LocalPlatformTestResource.identity().token("no-mail", account, List.of("audit-admin"),
                Duration.ofHours(1));
        given().auth().oauth2(noMail).contentType(ContentType.JSON).body(settings(false, true, true, 10, null))
                .put(SETTINGS).then().statusCode(400).body("errors.field", hasItem("alerts"));
        given().auth().oauth2(noMail).contentType(ContentType.JSON).body(settings(false, false, false, 10, null))
                .put(SETTINGS).then().statusCode(200);
    }

    @Test
    void everyEndpointNeedsASuperAdminToken() {
        String account = Accounts.newAccount();
        String ingest = Accounts.ingestToken(account);
        String feed = LocalPlatformTestResource.identity().token("svc", null, List.of("audit-feed"), Duration.ofHours(1));
        String body = "{}";
        for (String token : List.of(ingest, feed)) {
            given().auth().oauth2(token).get(SETTINGS).then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).put(SETTINGS).then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/notifications").then().statusCode(403);
            given().auth().oauth2(token).post("/api/v1/notifications/read").then().statusCode(403);
            given().auth().oauth2(token).post("/api/v1/notifications/" + java.util.UUID.randomUUID() + "/read").then()
                    .statusCode(403);
        }
        given().get(SETTINGS).then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).put(SETTINGS).then().statusCode(401);
        given().get("/api/v1/notifications").then().statusCode(401);
        given().post("/api/v1/notifications/read").then().statusCode(401);
        given().post("/api/v1/notifications/" + java.util.UUID.randomUUID() + "/read").then().statusCode(401);
        given().auth().oauth2("not-a-token").get(SETTINGS).then().statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse put(Admin admin, Map<String, Object> body) {
        return given().auth().oauth2(admin.token()).contentType(ContentType.JSON).body(body).put(SETTINGS).then()
                .statusCode(400).contentType("application/problem+json");
    }

    static Map<String, Object> settings(boolean multipleExports, boolean adminRemoved, boolean exportReadyMail,
            int threshold, String email) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                "alerts", Map.of("multipleExports", multipleExports, "adminPermissionRemoved", adminRemoved),
                "mail", Map.of("exportReady", exportReadyMail, "mentions", true),
                "multipleExportsThreshold", threshold));
        if (email != null) {
            settings.put("email", email);
        }
        return settings;
    }
}
