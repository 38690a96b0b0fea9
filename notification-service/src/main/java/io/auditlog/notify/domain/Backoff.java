package io.auditlog.notify.domain;

import java.time.Duration;

/** The wait after a failed attempt: doubling from the first wait, never longer than the longest. */
public record Backoff(Duration initial, Duration max) {

    public Duration after(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
