package io.auditlog.audit.restore;

import static io.auditlog.audit.support.Api.as;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A service deployed without the encryption key refuses to take secrets it could only store in the clear. */
@QuarkusTest
@TestProfile(WithoutEncryptionKeyTest.NoKey.class)
class WithoutEncryptionKeyTest {

    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("audit.restore.encryption-key", "");
        }
    }

    @Test
    void registrationIs503AndStoresNothing() {
        String account = Events.newAccount();
        as(Tokens.ingest(account)).body(Map.of("url", "http://127.0.0.1:9/restore", "secret", "x".repeat(40)))
                .put("/api/v1/restore-endpoint").then().statusCode(503)
                .body("detail", containsString("audit.restore.encryption-key"));
        as(Tokens.ingest(account)).get("/api/v1/restore-endpoint").then().statusCode(404);
    }
}
