package io.auditlog.bench.sustained;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Whether a consumer's lag stayed bounded while ingest ran, from its samples: the first tenth of the ingest
 * (services warming up, the first pages) is left out; over the rest, the lag's trend (least-squares slope of the
 * seconds behind, in seconds per second) and the mean seconds behind in the second and in the last quarter of the
 * ingest. A lag GROWS when both say so: a slope above 0.05 s/s (falling behind by 3 s a minute, a consumer 5%
 * slower than ingest) and a last-quarter mean above 1.5 times the second quarter's. Either alone is noise on a
 * shared two-core machine (a pause of a few seconds tilts a short line; a quarter can catch a burst).
 */
record LagVerdict(String consumer, long maxEvents, double meanEvents, double maxSeconds, double p99Seconds,
        double secondQuarterSeconds, double lastQuarterSeconds, double slopeSecondsPerSecond,
        double slopeEventsPerSecond, boolean bounded) {

    static final double SLOPE_LIMIT = 0.05;
    static final double QUARTER_RATIO_LIMIT = 1.5;

    static LagVerdict of(String consumer, List<LagSampler.Sample> ingest) {
        int from = ingest.size() / 10;
        List<LagSampler.Sample> kept = ingest.subList(from, ingest.size());
        ToDoubleFunction<LagSampler.Sample> seconds = s -> s.lagSeconds().getOrDefault(consumer, 0.0);
        ToDoubleFunction<LagSampler.Sample> events = s -> s.lagEvents().getOrDefault(consumer, 0L);
        long maxEvents = ingest.stream().mapToLong(s -> s.lagEvents().getOrDefault(consumer, 0L)).max().orElse(0);
        double meanEvents = ingest.stream().mapToDouble(events).average().orElse(0);
        double maxSeconds = ingest.stream().mapToDouble(seconds).max().orElse(0);
        double[] sorted = ingest.stream().mapToDouble(seconds).sorted().toArray();
        double p99 = sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(0.99 * sorted.length) - 1)];
        int n = ingest.size();
        double q2 = mean(ingest.subList(n / 4, n / 2), seconds);
        double q4 = mean(ingest.subList(3 * n / 4, n), seconds);
        double slope = slope(kept, seconds);
        double slopeEvents = slope(kept, events);
        boolean grows = slope > SLOPE_LIMIT && q4 > QUARTER_RATIO_LIMIT * q2;
        return new LagVerdict(consumer, maxEvents, meanEvents, maxSeconds, p99, q2, q4, slope, slopeEvents, !grows);
    }

    Map<String, Object> json() {
        return Map.of("consumer", consumer, "maxEventsBehind", maxEvents, "meanEventsBehind", meanEvents,
                "maxSecondsBehind", maxSeconds, "p99SecondsBehind", p99Seconds, "secondQuarterMeanSeconds",
                secondQuarterSeconds, "lastQuarterMeanSeconds", lastQuarterSeconds, "slopeSecondsPerSecond",
                slopeSecondsPerSecond, "slopeEventsPerSecond", slopeEventsPerSecond, "bounded", bounded);
    }

    private static double mean(List<LagSampler.Sample> samples, ToDoubleFunction<LagSampler.Sample> value) {
        return samples.stream().mapToDouble(value).average().orElse(0);
    }

    private static double slope(List<LagSampler.Sample> samples, ToDoubleFunction<LagSampler.Sample> value) {
        int n = samples.size();
        if (n < 3) {
            return 0;
        }
        double mt = samples.stream().mapToDouble(LagSampler.Sample::t).average().orElse(0);
        double my = mean(samples, value);
        double num = 0;
        double den = 0;
        for (LagSampler.Sample s : samples) {
            num += (s.t() - mt) * (value.applyAsDouble(s) - my);
            den += (s.t() - mt) * (s.t() - mt);
        }
        return den == 0 ? 0 : num / den;
    }
}
