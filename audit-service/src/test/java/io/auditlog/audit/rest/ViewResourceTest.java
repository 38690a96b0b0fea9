package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Saved views over real HTTP, real tokens and a real PostgreSQL: each endpoint's roles, tenancy and input rules,
 * names unique per owner, optimistic concurrency, sharing between two admins of one account, the built-in views,
 * and a saved view applied by the search and by the report stream.
 */
@QuarkusTest
class ViewResourceTest {

    private String account;
    private String ann;
    private String bo;

    /** Five events, newest first: share, security, delete, failed login, old login (as EventSearchResourceTest). */
    @BeforeEach
    void recordLog() {
        account = Events.newAccount();
        ann = person("ann-" + account, account, "Ann Admin");
        bo = person("bo-" + account, account, "Bo Admin");
        Map<String, Object> otherActor = Events.login("failed-login", 50, false);
        otherActor.put("actor", Events.actor("u-77", "zed@example.com", "Zed Ray", List.of("marketing")));
        record(account, List.of(Events.login("old-login", 60, true), otherActor, Events.contactDeleted("delete", 40),
                Events.securityChange("security", 30), Events.contentShared("share", 20)));
    }

    private static String person(String subject, String account, String name) {
        return LocalPlatformTestResource.identity().token(subject, account, List.of(Roles.ADMIN),
                Duration.ofMinutes(30), Map.of("name", name));
    }

    private static Map<String, Object> view(String name, Map<String, Object> filters) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("filters", filters);
        return body;
    }

    private static JsonPath create(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/views").then().statusCode(201).extract().jsonPath();
    }

    private static ValidatableResponse refused(String token, Object body, int status, String field) {
        return as(token).body(body).post("/api/v1/views").then().statusCode(status)
                .contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }

    private static List<String> ids(String token, Map<String, ?> query) {
        return as(token).queryParams(query).get("/api/v1/events").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class);
    }

    @Test
    void savesReadsListsChangesAndDeletesOwnView() {
        ValidatableResponse created = as(ann).body(Map.of("name", "  Logins of sales ", "filters",
                Map.of("category", List.of("LOGIN"), "team", List.of("sales")), "columns", List.of("time", "user",
                        "where"), "sort", "oldest", "shared", false))
                .post("/api/v1/views").then().statusCode(201)
                .header("Location", startsWith("/api/v1/views/"))
                .body("name", equalTo("Logins of sales")).body("builtIn", equalTo(false)).body("own", equalTo(true))
                .body("owner.id", equalTo("ann-" + account)).body("owner.name", equalTo("Ann Admin"))
                .body("shared", equalTo(false)).body("filters.category", equalTo(List.of("LOGIN")))
                .body("filters.team", equalTo(List.of("sales"))).body("columns", equalTo(List.of("time", "user", "where")))
                .body("sort", equalTo("oldest")).body("lastUsedAt", nullValue()).body("version", equalTo(0));
        String id = created.extract().path("id");
        created.header("Location", endsWith(id));

        as(ann).get("/api/v1/views/" + id).then().statusCode(200).body("name", equalTo("Logins of sales"));
        JsonPath list = as(ann).get("/api/v1/views").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("all-logs", "login-history", "security-activity", id), list.getList("items.id"));
        assertEquals(List.of(true, true, true, false), list.getList("items.builtIn"));

        as(ann).body(Map.of("name", "Sales logins", "filters", Map.of("category", List.of("LOGIN")), "shared", true,
                "version", 0)).put("/api/v1/views/" + id).then().statusCode(200)
                .body("name", equalTo("Sales logins")).body("shared", equalTo(true)).body("version", equalTo(1))
                .body("filters.team", nullValue()).body("sort", equalTo("newest"))
                .body("columns", equalTo(List.of("time", "user", "category", "activity", "object", "where")));

        as(ann).delete("/api/v1/views/" + id).then().statusCode(204);
        as(ann).get("/api/v1/views/" + id).then().statusCode(404).contentType("application/problem+json");
        as(ann).delete("/api/v1/views/" + id).then().statusCode(404);
    }

    @Test
    void everyEndpointNeedsAnAdminToken() {
        String id = create(ann, view("Mine", Map.of())).getString("id");
        String ingest = Tokens.ingest(account);
        String[] paths = { "/api/v1/views", "/api/v1/views/" + id };
        for (String path : paths) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
            as(ingest).get(path).then().statusCode(403).contentType("application/problem+json");
            as(Tokens.noRole(account)).get(path).then().statusCode(403);
        }
        Map<String, Object> body = view("Other", Map.of());
        given().contentType("application/json").body(body).post("/api/v1/views").then().statusCode(401);
        as(ingest).body(body).post("/api/v1/views").then().statusCode(403);
        body.put("version", 0);
        given().contentType("application/json").body(body).put("/api/v1/views/" + id).then().statusCode(401);
        as(ingest).body(body).put("/api/v1/views/" + id).then().statusCode(403);
        given().delete("/api/v1/views/" + id).then().statusCode(401);
        as(ingest).delete("/api/v1/views/" + id).then().statusCode(403);
        given().post("/api/v1/views/" + id + "/clone").then().statusCode(401);
        as(ingest).post("/api/v1/views/" + id + "/clone").then().statusCode(403);
        as(Tokens.adminWithoutAccount()).get("/api/v1/views").then().statusCode(403);
        as(ann).get("/api/v1/views/" + id).then().statusCode(200).body("version", equalTo(0));
    }

    @Test
    void anotherAccountsViewIsNotFoundAnywhere() {
        String id = create(ann, view("Secret", Map.of("category", List.of("LOGIN")))).getString("id");
        String stranger = person("ann-" + account, Events.newAccount(), "Ann Admin"); // same subject, other account
        as(stranger).get("/api/v1/views/" + id).then().statusCode(404).contentType("application/problem+json");
        as(stranger).body(Map.of("name", "x", "version", 0)).put("/api/v1/views/" + id).then().statusCode(404);
        as(stranger).delete("/api/v1/views/" + id).then().statusCode(404);
        as(stranger).post("/api/v1/views/" + id + "/clone").then().statusCode(404);
        as(stranger).get("/api/v1/views").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(stranger).queryParam("view", id).get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("view"));
        as(ann).get("/api/v1/views/" + id).then().statusCode(200);
    }

    @Test
    void badInputIsA400NamingTheField() {
        refused(ann, Map.of("name", "nul\u0000name"), 400, "name");
        refused(ann, Map.of("name", "x".repeat(101)), 400, "name").body("errors[0].reason", containsString("100"));
        refused(ann, Map.of("name", "two\nlines"), 400, "name");
        refused(ann, Map.of("name", " "), 400, "name");
        refused(ann, Map.of("filters", Map.of()), 400, "name");
        refused(ann, view("x", Map.of("colour", List.of("red"))), 400, "filters.colour");
        refused(ann, view("x", Map.of("limit", "5")), 400, "filters.limit");
        refused(ann, view("x", Map.of("view", "all-logs")), 400, "filters.view");
        refused(ann, view("x", Map.of("category", List.of("NOPE"))), 400, "filters.category");
        refused(ann, view("x", Map.of("category", "LOGIN")), 400, "filters.category");
        refused(ann, view("x", Map.of("subcategory", List.of("LOGIN_FAILED"))), 400, "filters.subcategory");
        refused(ann, view("x", Map.of("ip", List.of("not-an-ip"))), 400, "filters.ip");
        refused(ann, view("x", Map.of("from", "yesterday")), 400, "filters.from");
        refused(ann, view("x", Map.of("q", "q".repeat(201))), 400, "filters.q");
        refused(ann, view("x", Map.of("actor", List.of("ann\u0000"))), 400, "filters.actor");
        refused(ann, view("x", Map.of("team", List.of(5))), 400, "filters.team");
        refused(ann, view("x", Map.of("actor", List.of("a".repeat(257)))), 400, "filters.actor");
        refused(ann, Map.of("name", "x", "filters", List.of()), 400, "filters");
        refused(ann, Map.of("name", "x", "columns", List.of("time", "colour")), 400, "columns");
        refused(ann, Map.of("name", "x", "columns", List.of("time", "time")), 400, "columns");
        refused(ann, Map.of("name", "x", "columns", List.of()), 400, "columns");
        refused(ann, Map.of("name", "x", "sort", "sideways"), 400, "sort");
        refused(ann, Map.of("name", "x", "version", 3), 400, "version");
        refused(ann, Map.of("name", "x", "colour", "red"), 400, "colour");
        as(ann).body("{\"name\":").post("/api/v1/views").then().statusCode(400)
                .contentType("application/problem+json");
        as(ann).get("/api/v1/views/not-a-view").then().statusCode(400).body("errors[0].field", equalTo("id"));
        String id = create(ann, view("Mine", Map.of())).getString("id");
        as(ann).body(Map.of("name", "Mine")).put("/api/v1/views/" + id).then().statusCode(400)
                .body("errors[0].field", equalTo("version"));
        as(ann).body(Map.of("name", "Mine", "version", 0, "filters", Map.of("category", List.of("NOPE"))))
                .put("/api/v1/views/" + id).then().statusCode(400).body("errors[0].field", equalTo("filters.category"));
        as(ann).get("/api/v1/views").then().body("items.name", equalTo(List.of("All logs", "Login history",
                "Security activity", "Mine")));
    }

    @Test
    void namesAreUniquePerOwnerWhateverTheirCase() {
        String first = create(ann, view("Logins", Map.of())).getString("id");
        refused(ann, view("LOGINS", Map.of()), 409, "name");
        String other = create(ann, view("Deletes", Map.of())).getString("id");
        as(ann).body(Map.of("name", "logins", "version", 0)).put("/api/v1/views/" + other).then().statusCode(409)
                .body("errors[0].field", equalTo("name"));
        // Renaming a view to its own name in another case is no conflict; another person may use the name.
        as(ann).body(Map.of("name", "LOGINS", "version", 0)).put("/api/v1/views/" + first).then().statusCode(200);
        create(bo, view("Logins", Map.of()));
    }

    @Test
    void aStaleVersionIsAConflict() throws Exception {
        String id = create(ann, view("Mine", Map.of())).getString("id");
        as(ann).body(Map.of("name", "First", "version", 0)).put("/api/v1/views/" + id).then().statusCode(200)
                .body("version", equalTo(1));
        as(ann).body(Map.of("name", "Second", "version", 0)).put("/api/v1/views/" + id).then().statusCode(409)
                .body("errors[0].field", equalTo("version"));
        as(ann).get("/api/v1/views/" + id).then().body("name", equalTo("First"));

        // Two PUTs of the same version at once: exactly one wins.
        for (int round = 0; round < 5; round++) {
            int version = as(ann).get("/api/v1/views/" + id).then().extract().path("version");
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> puts = new ArrayList<>();
            for (String name : List.of("A" + round, "B" + round)) {
                puts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return as(ann).body(Map.of("name", name, "version", version)).put("/api/v1/views/" + id)
                            .then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = puts.stream().map(CompletableFuture::join).sorted().toList();
            assertEquals(List.of(200, 409), statuses, "round " + round);
            as(ann).get("/api/v1/views/" + id).then().body("version", equalTo(version + 1));
        }
    }

    @Test
    void sharedViewsAreReadableByTheAccountsOtherAdminsAndChangedOnlyByTheOwner() {
        String privateView = create(ann, view("Ann private", Map.of())).getString("id");
        Map<String, Object> shared = view("Ann shared", Map.of("category", List.of("LOGIN")));
        shared.put("shared", true);
        String sharedView = create(ann, shared).getString("id");
        String boOwn = create(bo, view("Bo own", Map.of())).getString("id");

        as(bo).get("/api/v1/views/" + privateView).then().statusCode(404);
        as(bo).post("/api/v1/views/" + privateView + "/clone").then().statusCode(404);
        as(bo).queryParam("view", privateView).get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("view"));
        as(bo).get("/api/v1/views/" + sharedView).then().statusCode(200).body("own", equalTo(false))
                .body("owner.name", equalTo("Ann Admin")).body("shared", equalTo(true));
        JsonPath list = as(bo).get("/api/v1/views").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("all-logs", "login-history", "security-activity", boOwn, sharedView),
                list.getList("items.id"));
        assertEquals(List.of(false, false, false, true, false), list.getList("items.own"));

        as(bo).body(Map.of("name", "Taken over", "version", 0)).put("/api/v1/views/" + sharedView).then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("Ann Admin"));
        as(bo).delete("/api/v1/views/" + sharedView).then().statusCode(403);
        assertEquals(List.of("failed-login", "old-login"), ids(bo, Map.of("view", sharedView)));
        as(bo).post("/api/v1/views/" + sharedView + "/clone").then().statusCode(201)
                .body("name", equalTo("Ann shared (copy)")).body("own", equalTo(true)).body("shared", equalTo(false))
                .body("owner.name", equalTo("Bo Admin")).body("filters.category", equalTo(List.of("LOGIN")));

        // Unshared again: gone for Bo.
        as(ann).body(Map.of("name", "Ann shared", "filters", Map.of("category", List.of("LOGIN")), "version", 0))
                .put("/api/v1/views/" + sharedView).then().statusCode(200).body("shared", equalTo(false));
        as(bo).get("/api/v1/views/" + sharedView).then().statusCode(404);
        as(ann).get("/api/v1/views").then().body("items.id", not(hasItem(boOwn)));
    }

    @Test
    void builtInViewsCanBeReadAndClonedButNotChanged() {
        as(ann).get("/api/v1/views/login-history").then().statusCode(200).body("builtIn", equalTo(true))
                .body("name", equalTo("Login history")).body("owner", nullValue())
                .body("filters.category", equalTo(List.of("LOGIN"))).body("version", nullValue());
        as(ann).body(Map.of("name", "Mine", "version", 0)).put("/api/v1/views/login-history").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("clone"));
        as(ann).delete("/api/v1/views/all-logs").then().statusCode(409);

        JsonPath copy = as(ann).post("/api/v1/views/login-history/clone").then().statusCode(201)
                .header("Location", notNullValue()).extract().jsonPath();
        assertEquals("Login history (copy)", copy.getString("name"));
        assertEquals(List.of("LOGIN"), copy.getList("filters.category"));
        assertEquals(false, copy.getBoolean("builtIn"));
        as(ann).post("/api/v1/views/login-history/clone").then().statusCode(201)
                .body("name", equalTo("Login history (copy 2)"));
        String longName = "n".repeat(100);
        String longView = create(ann, view(longName, Map.of())).getString("id");
        String copied = as(ann).post("/api/v1/views/" + longView + "/clone").then().statusCode(201).extract()
                .path("name");
        assertEquals("n".repeat(93) + " (copy)", copied);
        assertEquals(List.of("failed-login", "old-login"), ids(ann, Map.of("view", copy.getString("id"))));
    }

    @Test
    void theSearchAppliesASavedViewAsItsFiltersAndMarksItUsed() {
        Map<String, Object> filters = Map.of("category", List.of("LOGIN", "SECURITY"), "actor", List.of("u-42"));
        String id = create(ann, view("Ann's logins", filters)).getString("id");
        List<String> direct = ids(ann, Map.of("category", "LOGIN,SECURITY", "actor", "u-42"));
        assertEquals(List.of("security", "old-login"), direct);
        assertEquals(direct, ids(ann, Map.of("view", id)));
        String used = as(ann).get("/api/v1/views/" + id).then().extract().path("lastUsedAt");
        assertNotNull(used);

        // The request's own filters narrow the view; they cannot widen it.
        assertEquals(List.of("old-login"), ids(ann, Map.of("view", id, "category", "LOGIN")));
        as(ann).queryParams(Map.of("view", id, "category", "CONTENT")).get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        as(ann).queryParams(Map.of("view", id, "category", "NOPE")).get("/api/v1/events").then().statusCode(400);
        as(ann).queryParam("view", "00000000-0000-0000-0000-000000000000").get("/api/v1/events").then()
                .statusCode(400).body("errors[0].field", equalTo("view"));
    }

    private static List<String> withoutLogRecords(List<String> ids) {
        return ids.stream().filter(i -> !i.startsWith("log-access-")).toList();
    }

    @Test
    void anOldestFirstViewPagesOldestFirst() {
        Map<String, Object> body = view("Oldest first", Map.of());
        body.put("sort", "oldest");
        String id = create(ann, body).getString("id");
        JsonPath first = as(ann).queryParams(Map.of("view", id, "limit", "3")).get("/api/v1/events").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("old-login", "failed-login", "delete"), first.getList("items.id"));
        String cursor = first.getString("nextCursor");
        // Oldest first, the last page ends with the record of this search's first page (an AUDIT_LOG event: the
        // view shows every category), written after every event the view held then.
        List<String> last = ids(ann, Map.of("view", id, "limit", "3", "cursor", cursor));
        assertEquals(List.of("security", "share"), last.subList(0, 2));
        assertEquals(3, last.size());
        assertTrue(last.get(2).startsWith("log-access-"), last.get(2));
        // A cursor of one order is never taken for the other's.
        as(ann).queryParams(Map.of("limit", "3", "cursor", cursor)).get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        // The search's own sort: the same order without the view, and it overrides the view's.
        // (The log's own AUDIT_LOG records of the searches above are left out: only the recorded events count.)
        assertEquals(List.of("old-login", "failed-login", "delete", "security", "share"),
                withoutLogRecords(ids(ann, Map.of("sort", "oldest"))));
        assertEquals(List.of("share", "security", "delete", "failed-login", "old-login"),
                withoutLogRecords(ids(ann, Map.of("view", id, "sort", "newest"))));
        as(ann).queryParam("sort", "sideways").get("/api/v1/events").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        as(ann).queryParam("sort", "oldest").get("/api/v1/events/export").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
    }

    @Test
    void aReportCanNameASavedViewAlsoFromTheExportServiceWhichHasNoPerson() throws IOException {
        String id = create(ann, view("Deletes and logins", Map.of("category", List.of("LOGIN", "CRM_OBJECT"))))
                .getString("id");
        List<String> expected = List.of("old-login", "failed-login", "delete");
        Map<String, String> byView = new HashMap<>(Map.of("view", id, "account", account));
        assertEquals(expected, reportIds(Tokens.exportClient(), byView));
        assertEquals(expected, reportIds(Tokens.exportClient(),
                Map.of("category", "LOGIN,CRM_OBJECT", "account", account)));
        assertEquals(expected, reportIds(ann, Map.of("view", id)));
        // Another account's saved view is no view there, for the export client as for anyone.
        as(Tokens.exportClient()).queryParams(Map.of("view", id, "account", Events.newAccount()))
                .get("/api/v1/events/export").then().statusCode(400).body("errors[0].field", equalTo("view"));
        // Bo cannot report through Ann's private view.
        as(bo).queryParams(Map.of("view", id)).get("/api/v1/events/export").then().statusCode(400)
                .body("errors[0].field", equalTo("view"));
    }

    private static List<String> reportIds(String token, Map<String, String> query) throws IOException {
        Map<String, String> params = new HashMap<>(query);
        params.put("format", "ndjson");
        String body = as(token).queryParams(params).get("/api/v1/events/export").then().statusCode(200).extract()
                .asString();
        List<String> ids = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                ids.add(JsonPath.from(line).getString("id"));
            }
        }
        return ids;
    }

    @Test
    void onePersonKeepsAtMostAHundredViews() {
        for (int i = 0; i < 100; i++) {
            create(ann, view("View " + i, Map.of()));
        }
        refused(ann, view("One too many", Map.of()), 409, "name").body("errors[0].reason", containsString("100"));
        as(ann).post("/api/v1/views/all-logs/clone").then().statusCode(409);
        create(bo, view("Bo still may", Map.of()));
        assertEquals(103, as(ann).get("/api/v1/views").then().extract().jsonPath().getList("items").size());
    }

    /** Kept from the CSV helpers of the export tests: the report of a saved view parses as RFC 4180 too. */
    @Test
    void aCsvReportOfASavedViewHasTheHeaderAndItsRows() throws IOException {
        String id = create(ann, view("Deletes", Map.of("action", List.of("DELETE")))).getString("id");
        String csv = as(Tokens.exportClient()).queryParams(Map.of("view", id, "account", account))
                .get("/api/v1/events/export").then().statusCode(200).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertEquals(2, rows.size());
        assertTrue(rows.get(1).toString().contains("c-9"), rows.get(1).toString());
    }
}
