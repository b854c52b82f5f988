package io.logos.delivery.kernel.testing;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded waits for tests: on futures and on conditions, never fixed sleeps. */
public final class Await {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Await() {
    }

    public static <T> T await(Future<T> future) throws Exception {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link #await} for use inside lambdas: a failure or timeout fails the test with an {@link AssertionError}. */
    public static <T> T done(Future<T> future) {
        try {
            return await(future);
        } catch (ExecutionException e) {
            throw new AssertionError("future failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            throw new AssertionError("future not done within " + TIMEOUT, e);
        }
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after the timeout. */
    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
