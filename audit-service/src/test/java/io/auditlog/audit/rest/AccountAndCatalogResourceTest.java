package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccountAndCatalogResourceTest {

    @Test
    void theCatalogCoversEveryCategoryOfTheProductAndTheNineContentActions() {
        as(Tokens.admin(Events.newAccount())).get("/api/v1/catalog").then().statusCode(200)
                .body("categories.code", hasItems("LOGIN", "SECURITY", "APPROVAL", "COMMUNICATION_PREFERENCE",
                        "CONTENT", "CRM_OBJECT", "ASSOCIATION", "CUSTOMER_AGENT", "PRIVACY", "LIST", "MEETING",
                        "MULTI_ACCOUNT", "PIPELINE", "PROPERTY", "PROPERTY_VALUE", "RECORD_CREATION_FORM",
                        "INTEGRATION", "SENSITIVE_DATA", "SETTINGS", "WORKFLOW", "EXPORT", "REPORT",
                        "USER_MANAGEMENT"))
                .body("categories.find { it.code == 'CONTENT' }.actions.code", hasItems("CREATE", "READ", "UPDATE",
                        "PERMANENT_DELETE", "INVITATION_SENT", "INVITATION_ACCEPTED", "COLLABORATOR_ROLE_CHANGED",
                        "PUBLIC_LINK_CREATED", "PUBLIC_LINK_REMOVED"))
                .body("categories.find { it.code == 'CONTENT' }.actions", hasSize(9))
                .body("categories.find { it.code == 'LOGIN' }.subcategories.code",
                        hasItems("LOGIN_SUCCEEDED", "LOGIN_FAILED"))
                .body("categories.find { it.code == 'USER_MANAGEMENT' }.actions.code",
                        hasItem("ADMIN_PERMISSION_REMOVED"))
                .body("departments", hasItems("ENGINEERING", "PRODUCT_UX"))
                .body("builtInViews.id", hasItems("all-logs", "login-history", "security-activity"));
        as(Tokens.ingest(Events.newAccount())).get("/api/v1/catalog").then().statusCode(200);
    }

    @Test
    void theCatalogNeedsAToken() {
        given().get("/api/v1/catalog").then().statusCode(401);
        as(Tokens.feed()).get("/api/v1/catalog").then().statusCode(403);
    }

    @Test
    void anAccountWithoutAPlanGetsTheDefault() {
        as(Tokens.admin(Events.newAccount())).get("/api/v1/account").then().statusCode(200)
                .body("plan", equalTo("ENTERPRISE")).body("planSource", equalTo("DEFAULT"))
                .body("visibleCategories", hasItem("CRM_OBJECT"));
    }

    @Test
    void onlyOperatorsSetPlans() {
        String account = Events.newAccount();
        given().contentType("application/json").body(Map.of("plan", "STARTER"))
                .put("/internal/v1/accounts/" + account + "/plan").then().statusCode(401);
        as(Tokens.admin(account)).body(Map.of("plan", "STARTER"))
                .put("/internal/v1/accounts/" + account + "/plan").then().statusCode(403);
        as(Tokens.operator()).body(Map.of("plan", "PLATINUM"))
                .put("/internal/v1/accounts/" + account + "/plan").then().statusCode(400)
                .body("errors[0].field", equalTo("plan"));
        as(Tokens.operator()).body(Map.of())
                .put("/internal/v1/accounts/" + account + "/plan").then().statusCode(400)
                .body("errors[0].field", equalTo("plan"));
        as(Tokens.operator()).body(Map.of("plan", "STARTER"))
                .put("/internal/v1/accounts/bad%20id/plan").then().statusCode(400)
                .body("errors[0].field", equalTo("accountId"));
        as(Tokens.operator()).body(Map.of("plan", "STARTER"))
                .put("/internal/v1/accounts/" + account + "/plan").then().statusCode(200)
                .body("visibleCategories", hasSize(2));
        as(Tokens.admin(account)).get("/api/v1/account").then().body("plan", equalTo("STARTER"));
    }

    /**
     * A plan is one of its names, written exactly, in a body that is only that: {"plan":1} was taken as the second
     * plan, "STARTER\u0000" and " STARTER" as STARTER, and text after the JSON was ignored.
     */
    @Test
    void aPlanIsItsExactNameAndNothingElse() {
        String account = Events.newAccount();
        as(Tokens.operator()).body(Map.of("plan", "STARTER")).put("/internal/v1/accounts/" + account + "/plan")
                .then().statusCode(200);
        String[][] refused = { // body, field named
                { "{\"plan\":1}", "plan" }, { "{\"plan\":2}", "plan" },
                { "{\"plan\":\"ENTERPRISE\\u0000\"}", "plan" }, { "{\"plan\":\" ENTERPRISE\"}", "plan" },
                { "{\"plan\":\"enterprise\"}", "plan" }, { "{\"plan\":\"ENTERPRISE\"} x", "body" },
                { "{\"plan\":\"ENTERPRISE\"}{\"plan\":\"ENTERPRISE\"}", "body" },
                { "{\"plan\":\"ENTERPRISE\"}]", "body" } };
        for (String[] bad : refused) {
            as(Tokens.operator()).body(bad[0]).put("/internal/v1/accounts/" + account + "/plan").then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(bad[1]));
        }
        as(Tokens.admin(account)).get("/api/v1/account").then().body("plan", equalTo("STARTER"));
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void unknownPathsAnswerProblemJson() {
        as(Tokens.admin(Events.newAccount())).get("/api/v1/nothing-here").then().statusCode(404);
    }
}
