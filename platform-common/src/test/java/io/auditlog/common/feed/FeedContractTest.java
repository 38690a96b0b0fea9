package io.auditlog.common.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.auditlog.common.input.StrictJson;

/**
 * The feed records read pages as the producers serve them today (samples captured from the audit-service's
 * {@code /internal/v1/feed} and the export-service's {@code /internal/v1/export-ready}), and written again they
 * give the same JSON: the producers can serve these records without changing their contract.
 */
class FeedContractTest {

    /** A mapper as Quarkus configures it (ISO dates), under the platform's strict input policy. */
    private static final ObjectMapper JSON = StrictJson.apply(new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = FeedContractTest.class.getResourceAsStream("/feed/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void anAuditFeedPageReadsIntoFeedEventsAndWritesBackTheSame() throws Exception {
        byte[] body = sample("audit-feed-page.json");
        FeedPage<FeedEvent> page = FeedPageReader.of(JSON, FeedEvent.class).read(body, "");

        assertEquals(2, page.items().size());
        FeedEvent first = page.items().get(0);
        assertEquals("cap-1", first.id());
        assertEquals(Instant.parse("2026-11-30T03:52:56.249Z"), first.occurredAt());
        assertEquals(Instant.parse("2026-11-30T03:52:56.461400Z"), first.recordedAt());
        assertEquals("LOGIN", first.category());
        assertEquals("LOGIN_FAILED", first.subcategory());
        assertEquals(new FeedEvent.Actor("u-42", "ann@example.com", "Ann Lee", "USER", null, List.of("sales")),
                first.actor());
        assertEquals(new FeedEvent.EventObject("CONTACT", "c-9", "Bo Ek", null, null), first.object());
        assertEquals("PASSWORD", first.context().loginType());
        assertEquals("Chrome 120", first.context().browser());
        assertEquals(new FeedEvent.Links("/api/v1/events/cap-1", "/app/objects/CONTACT/c-9"), first.links());
        assertEquals("{\"big\":1" + "0".repeat(300) + ",\"before\":{\"lifecycle\":\"lead\"}}", first.details(),
                "the details as stored, every digit of the number kept");
        FeedEvent second = page.items().get(1);
        assertNull(second.subcategory());
        assertNull(second.actor().id(), "an event sent without an actor has one of nulls");
        assertNull(second.details());

        ObjectMapper producerData = StrictJson.forProducerData(JSON);
        JsonNode served = producerData.readTree(body);
        JsonNode written = producerData.readTree(JSON.writeValueAsBytes(page));
        assertEquals(served, written, "the records say what the producer said");
    }

    @Test
    void detailsKeepEveryNumberAsWritten() throws Exception {
        String digits = "1" + "0".repeat(300);
        byte[] body = ("{\"items\":[{\"id\":\"e\",\"accountId\":\"a\",\"occurredAt\":\"2026-11-20T10:15:30Z\","
                + "\"category\":\"LOGIN\",\"action\":\"LOGIN\",\"details\":{\"n\":" + digits
                + ",\"f\":0.1000,\"list\":[1,{\"x\":null}],\"s\":\"\\u0000\"}}],\"next\":\"p\"}").getBytes();
        FeedEvent event = FeedPageReader.of(JSON, FeedEvent.class).read(body, "").items().get(0);
        assertEquals("{\"n\":" + digits + ",\"f\":0.1000,\"list\":[1,{\"x\":null}],\"s\":\"\\u0000\"}",
                event.details());
    }

    @Test
    void fieldsAProducerAddsLaterAreIgnored() throws Exception {
        byte[] body = ("{\"items\":[{\"jobId\":\"j\",\"accountId\":\"a\",\"requestedBy\":\"u\",\"requesterEmail\":null,"
                + "\"createdAt\":\"2026-11-20T10:15:30Z\",\"download\":\"/api/v1/exports/j\",\"newField\":1}],"
                + "\"next\":\"p\",\"more\":true}").getBytes();
        FeedPage<ExportReadyRecord> page = FeedPageReader.of(JSON, ExportReadyRecord.class).read(body, "");
        assertEquals(new ExportReadyRecord("j", "a", "u", null, Instant.parse("2026-11-20T10:15:30Z"),
                "/api/v1/exports/j"), page.items().get(0));
        assertEquals("p", page.next());
    }

    @Test
    void anExportReadyPageReadsIntoRecordsAndWritesBackTheSame() throws Exception {
        byte[] body = sample("export-ready-page.json");
        FeedPage<ExportReadyRecord> page = FeedPageReader.of(JSON, ExportReadyRecord.class).read(body, "");
        assertEquals(1, page.items().size());
        assertEquals(JSON.readTree(body), JSON.readTree(JSON.writeValueAsBytes(page)));
        ObjectNode empty = JSON.createObjectNode();
        empty.putArray("items");
        empty.put("next", "same");
        assertEquals("same", FeedPageReader.of(JSON, ExportReadyRecord.class)
                .read(JSON.writeValueAsBytes(empty), "same").next());
    }
}
