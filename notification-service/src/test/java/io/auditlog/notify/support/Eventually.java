package io.auditlog.notify.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the service does in the background. */
public final class Eventually {

    private Eventually() {
    }

    public static boolean holds(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
