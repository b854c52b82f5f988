package io.logos.delivery.kernel.ratelimit;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket of {@code capacity} tokens refilled continuously over {@code refillPeriod}, starting with
 * {@code initial} tokens. Thread-safe.
 */
final class TokenBucket {

    private final long capacity;
    private final long refillNanos;
    private final Clock clock;
    private double tokens;
    private long lastRefill;

    TokenBucket(long capacity, long initial, Duration refillPeriod, Clock clock) {
        this.capacity = capacity;
        this.refillNanos = refillPeriod.toNanos();
        this.clock = clock;
        this.tokens = Math.min(initial, capacity);
        this.lastRefill = nanos();
    }

    private long nanos() {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    synchronized boolean tryTake() {
        long now = nanos();
        long elapsed = Math.max(0, now - lastRefill);
        tokens = Math.min(capacity, tokens + (double) capacity * elapsed / refillNanos);
        lastRefill = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether the bucket would be full now, i.e. forgetting it loses nothing. */
    synchronized boolean isFull() {
        long elapsed = Math.max(0, nanos() - lastRefill);
        return tokens + (double) capacity * elapsed / refillNanos >= capacity;
    }
}
