package io.auditlog.audit.restore;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.auditlog.local.launcher.DemoProducer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The local run's demo producer against the real service, as .ci/e2e-local-run.sh checks it with Keycloak: it
 * registers itself with the ingest client's token, verifies the signed request, and records the object's restore.
 */
@QuarkusTest
class DemoProducerEndToEndTest {

    @TestHTTPResource("/")
    java.net.URL service;

    @Test
    void aRestoreAskedFromTheLogIsCarriedOutAndRecordedByTheProducer() throws Exception {
        String account = Events.newAccount();
        record(account, List.of(Events.contactDeleted("del", 60)));
        String auditUrl = service.toString().replaceAll("/$", "");
        try (DemoProducer producer = new DemoProducer(auditUrl, account, () -> Tokens.ingest(account)).start(0)) {
            producer.register();
            String restoreId = as(Tokens.admin(account)).body("{}").post("/api/v1/events/del/restore").then()
                    .statusCode(202).extract().path("id");
            JsonPath done = RestoreDeliveryTest.awaitRestore(account, "del", Duration.ofSeconds(10),
                    RestoreDeliveryTest.ended());
            assertEquals("SUCCEEDED", done.getString("restores[0].state"));
            assertEquals(1, done.getInt("restores[0].attempts"));

            Instant until = Instant.now().plusSeconds(10);
            int status;
            do {
                Thread.sleep(100);
                status = as(Tokens.admin(account)).get("/api/v1/events/restored-" + restoreId).then().extract()
                        .statusCode();
            } while (status == 404 && Instant.now().isBefore(until));
            JsonPath restored = as(Tokens.admin(account)).get("/api/v1/events/restored-" + restoreId).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals("CRM_OBJECT", restored.getString("category"));
            assertEquals("CONTACT", restored.getString("subcategory"));
            assertEquals("RESTORE", restored.getString("action"));
            assertEquals("c-9", restored.getString("object.id"));
            assertEquals("Carla Diaz", restored.getString("object.name"));
            assertEquals("del", restored.getString("details.deletionEventId"));
        }
    }
}
