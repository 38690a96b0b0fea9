package io.auditlog.audit.restore;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The production URL rules (audit.restore.allow-insecure-urls=false, the default): https only, no literal
 * non-public address at registration, and a host that resolves to one is refused at delivery.
 */
@QuarkusTest
@TestProfile(ProductionUrlRulesTest.Production.class)
class ProductionUrlRulesTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("audit.restore.allow-insecure-urls", "false");
        }
    }

    static final String SECRET = "production-secret-production-secret-01";

    @Test
    void onlyHttpsToPublicAddressesIsRegistered() {
        String account = Events.newAccount();
        for (String url : List.of("http://crm.example.com/restore", "https://127.0.0.1/restore",
                "https://10.1.2.3/restore", "https://192.168.0.10/restore", "https://169.254.169.254/latest",
                "https://[::1]/restore", "https://[fd00::1]/restore", "https://100.64.0.1/restore",
                "https://0.0.0.0/restore")) {
            as(Tokens.ingest(account)).body(Map.of("url", url, "secret", SECRET)).put("/api/v1/restore-endpoint")
                    .then().statusCode(400).body("errors[0].field", equalTo("url"));
        }
        as(Tokens.ingest(account)).body(Map.of("url", "https://crm.example.com/restore", "secret", SECRET))
                .put("/api/v1/restore-endpoint").then().statusCode(200);
        as(Tokens.ingest(account)).body(Map.of("url", "https://93.184.215.14/restore", "secret", SECRET))
                .put("/api/v1/restore-endpoint").then().statusCode(200);
    }

    @Test
    void aNameThatResolvesToANonPublicAddressFailsAtDelivery() throws Exception {
        String account = Events.newAccount();
        record(account, List.of(Events.contactDeleted("del", 10)));
        as(Tokens.ingest(account)).body(Map.of("url", "https://localhost:9/restore", "secret", SECRET))
                .put("/api/v1/restore-endpoint").then().statusCode(200);
        as(Tokens.admin(account)).body("{}").post("/api/v1/events/del/restore").then().statusCode(202);
        JsonPath done = RestoreDeliveryTest.awaitRestore(account, "del", Duration.ofSeconds(10),
                RestoreDeliveryTest.ended());
        assertEquals("FAILED", done.getString("restores[0].state"));
        assertEquals(1, done.getInt("restores[0].attempts"));
        as(Tokens.admin(account)).get("/api/v1/events/" + done.getString("restores[0].outcomeEventId")).then()
                .body("details.error", containsString("non-public address"));
    }
}
