package io.logos.delivery.testkit.time;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, with a deadline, for a condition that other threads make true. */
public final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private Eventually() {
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after the deadline. */
    public static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
