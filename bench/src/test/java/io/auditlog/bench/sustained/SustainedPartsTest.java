package io.auditlog.bench.sustained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.bench.ApiIngestLoad.PreparedBatch;
import io.auditlog.common.feed.FeedPosition;

/** The parts of the sustained-load benchmark whose mistakes would make its figures or checks wrong silently. */
class SustainedPartsTest {

    @Test
    void aRoundRenamesEveryEventIdAndNothingElse() throws Exception {
        List<PreparedBatch> pool = SustainedIngest.pool(7, 3, 50, 20, Duration.ofDays(60));
        for (PreparedBatch batch : pool) {
            JsonNode before = Api.JSON.readTree(batch.body()).path("events");
            JsonNode after = Api.JSON.readTree(SustainedIngest.renamed(batch.body(), "r12-")).path("events");
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                assertEquals("r12-" + before.get(i).path("id").asText(), after.get(i).path("id").asText());
                assertTrue(before.get(i).path("id").asText().startsWith("evt-"));
                // Everything but the id is sent as generated: the actor's and the object's ids too.
                ((com.fasterxml.jackson.databind.node.ObjectNode) after.get(i)).put("id", before.get(i).path("id")
                        .asText());
                assertEquals(before.get(i), after.get(i));
            }
        }
    }

    @Test
    void aLiveShapedPoolHappenedWithinItsSpread() throws Exception {
        Instant before = Instant.now();
        List<PreparedBatch> pool = SustainedIngest.pool(7, 3, 500, 100, Duration.ofHours(1));
        Instant earliest = Instant.MAX;
        Instant latest = Instant.MIN;
        for (PreparedBatch batch : pool) {
            for (JsonNode event : Api.JSON.readTree(batch.body()).path("events")) {
                Instant at = Instant.parse(event.path("occurredAt").asText());
                earliest = at.isBefore(earliest) ? at : earliest;
                latest = at.isAfter(latest) ? at : latest;
            }
        }
        // A minute before now, back one hour (the anchor is truncated to the second), and spread over most of it.
        assertTrue(latest.isBefore(before.minus(Duration.ofSeconds(59))), latest + " is not a minute before " + before);
        assertTrue(!earliest.isBefore(before.minus(Duration.ofMinutes(62))), earliest + " is older than the spread");
        assertTrue(Duration.between(earliest, latest).compareTo(Duration.ofMinutes(50)) > 0, earliest + ".." + latest);
    }

    @Test
    void aRateSpacesTheBatchesByTheEventsBeforeThem() {
        assertEquals(0, SustainedIngest.dueNanos(0, 4000));
        assertEquals(250_000_000L, SustainedIngest.dueNanos(1000, 4000), "1,000 events at 4,000/s: a quarter second");
        assertEquals(1_250_000_000_000L, SustainedIngest.dueNanos(5_000_000, 4000), "five million: no overflow");
    }

    @Test
    void positionsAreReadAsThePlatformWritesThem() {
        assertArrayEquals(new String[] {"98765", "4321"},
                LagSampler.decode(new FeedPosition("98765", 4321).encode()));
        assertArrayEquals(new String[] {"0", "0"}, LagSampler.decode(""));
        assertThrows(IllegalStateException.class, () -> LagSampler.decode("bm90LWEtcG9zaXRpb24"));
    }

    @Test
    void aSteadyLagIsBoundedAndAGrowingOneIsNot() {
        assertTrue(LagVerdict.of("c", samples(t -> 3.0 + Math.sin(t))).bounded());
        LagVerdict growing = LagVerdict.of("c", samples(t -> 0.2 * t));
        assertFalse(growing.bounded());
        assertEquals(0.2, growing.slopeSecondsPerSecond(), 1e-9);
        // Growing a little, then flat: a rising trend alone is not "grows" when the last quarter is not much higher.
        assertTrue(LagVerdict.of("c", samples(t -> Math.min(t, 150) * 0.1 + 20)).bounded());
    }

    @Test
    void eventKeysTellAccountAndIdApart() {
        assertNotEquals(ExactlyOnce.key("acct-1", "23"), ExactlyOnce.key("acct-12", "3"));
        assertEquals(ExactlyOnce.key("acct-1", "evt-1"), ExactlyOnce.key("acct-1", "evt-1"));
    }

    private interface Curve {
        double at(double t);
    }

    /** Samples once a second for 300 s, consumer "c" that many seconds behind. */
    private static List<LagSampler.Sample> samples(Curve seconds) {
        List<LagSampler.Sample> samples = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            double behind = seconds.at(t);
            samples.add(new LagSampler.Sample(t, "ingest", t * 1000L, 1000, Map.of("c", (long) (behind * 1000)),
                    Map.of("c", behind), Map.of(), Map.of()));
        }
        return samples;
    }
}
