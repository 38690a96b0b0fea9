package io.auditlog.common.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WakeupLoopTest {

    /** Rings a loop five times, 20 ms apart, and answers how many rounds served them. */
    private static int roundsForATrickle(Duration settle) throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        try (WakeupLoop loop = new WakeupLoop("test-loop", () -> {
            rounds.incrementAndGet();
            first.countDown();
            return false;
        }, e -> {
        }, settle)) {
            for (int i = 0; i < 5; i++) {
                loop.wake();
                Thread.sleep(20);
            }
            assertTrue(first.await(10, TimeUnit.SECONDS), "the loop ran");
            Thread.sleep(settle.toMillis() + 300); // any further round would have started by now
            return rounds.get();
        }
    }

    @Test
    void ringsWhileItSettlesAreServedByOneRound() throws Exception {
        assertEquals(1, roundsForATrickle(Duration.ofSeconds(1)));
    }

    @Test
    void withoutSettlingEachRingWhileIdleIsARound() throws Exception {
        assertTrue(roundsForATrickle(Duration.ZERO) > 1, "a loop that does not settle runs per ring");
    }

    @Test
    void workThatKeepsComingIsNotDelayedBetweenSteps() throws Exception {
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        long started = System.nanoTime();
        try (WakeupLoop loop = new WakeupLoop("test-loop", () -> {
            if (steps.incrementAndGet() < 20) {
                return true;
            }
            done.countDown();
            return false;
        }, e -> {
        }, Duration.ofMillis(500))) {
            loop.wake();
            assertTrue(done.await(10, TimeUnit.SECONDS), "the loop ran its steps");
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(20, steps.get());
        // One settle before the round, none between its 20 steps (which would take 10 s).
        assertTrue(took < 5_000, "20 steps took " + took + " ms");
    }
}
