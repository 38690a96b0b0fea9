package io.auditlog.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LogAccessTimingTest {

    private static LogAccessTiming.Series series(String name, double p99) {
        return new LogAccessTiming.Series(name, new Stats.Summary(1000, 1, 2, p99, p99, 1));
    }

    private static LogAccessTiming.Result result(double offRepeating, double offNew, double onNew,
            double onRepeating, List<String> problems) {
        return new LogAccessTiming.Result(List.of(
                series(LogAccessTiming.OFF_REPEATING + " (nothing written)", offRepeating),
                series(LogAccessTiming.OFF_NEW + " (sighting written)", offNew),
                series(LogAccessTiming.ON_NEW + " (sighting and event written)", onNew),
                series(LogAccessTiming.ON_REPEATING + " (coalesced)", onRepeating)), 10, 10, problems);
    }

    @Test
    void eachRecordingSeriesIsHeldAgainstTheSameKindOfPersonWithRecordingOff() {
        LogAccessTiming.Result r = result(10, 12, 13, 11, List.of());
        assertEquals(13.0 / 12, r.ratioWriting(), 1e-9);
        assertEquals(11.0 / 10, r.ratioCoalesced(), 1e-9);
        assertEquals(12.0 / 10, r.ratioFirstCall(), 1e-9);
        assertTrue(r.targetMet());
    }

    @Test
    void eitherRatioOverTheTargetOrAnyProblemMissesIt() {
        assertFalse(result(10, 12, 13.3, 11, List.of()).targetMet());
        assertFalse(result(10, 12, 13, 11.1, List.of()).targetMet());
        // The sighting's own cost is for information: a dear first call alone does not miss the target.
        assertTrue(result(10, 30, 33, 10, List.of()).targetMet());
        assertFalse(result(10, 12, 13, 11, List.of("the timed searches wrote 9 AUDIT_LOG events")).targetMet());
    }
}
