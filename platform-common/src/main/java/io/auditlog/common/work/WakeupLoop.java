package io.auditlog.common.work;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Background work on a thread of its own, run when something rings: a NOTIFY, a timer, a local change. Rings that
 * arrive while it runs are not lost (it goes round again) and do not pile up (one more round covers them all), so
 * a doorbell can ring as often as it likes.
 */
public final class WakeupLoop implements AutoCloseable {

    /** One step of the work; answers whether there may be more to do right away. */
    @FunctionalInterface
    public interface Step {
        boolean run() throws Exception;
    }

    private final Step step;
    private final Consumer<Exception> onFailure;
    private final long settleMillis;
    private final ExecutorService thread;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();

    /** A failing step ends the round and is handed to {@code onFailure}; the next ring tries again. */
    public WakeupLoop(String threadName, Step step, Consumer<Exception> onFailure) {
        this(threadName, step, onFailure, Duration.ZERO);
    }

    /**
     * A loop that, woken while idle, waits {@code settle} before its first step, so that the rings of a trickle
     * (one small transaction after another) are served by one round instead of one round each. Work that keeps
     * coming (a step answering "more") is never delayed.
     */
    public WakeupLoop(String threadName, Step step, Consumer<Exception> onFailure, Duration settle) {
        this.step = step;
        this.onFailure = onFailure;
        this.settleMillis = settle.toMillis();
        this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, threadName));
    }

    /** Makes the loop run now; returns at once. */
    public void wake() {
        wakeAgain.set(true);
        if (busy.compareAndSet(false, true)) {
            try {
                thread.execute(this::drain);
            } catch (RejectedExecutionException e) {
                busy.set(false); // closing: what is left is picked up at the next start or by another replica
            }
        }
    }

    private void drain() {
        try {
            if (settleMillis > 0) {
                Thread.sleep(settleMillis);
            }
            while (wakeAgain.getAndSet(false)) {
                while (step.run()) {
                    wakeAgain.set(false);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            onFailure.accept(e);
        } finally {
            busy.set(false);
        }
        if (wakeAgain.get() && !thread.isShutdown()) {
            wake(); // rung between the last check and clearing busy
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
