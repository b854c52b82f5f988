package io.logos.delivery.kernel.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.testkit.time.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    private final MutableClock clock = new MutableClock();

    private static int granted(RequestRateLimiter<String> limiter, String peer, int attempts) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(peer)) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    void parsesNwakuSyntax() {
        assertEquals(new RateLimit(30, Duration.ofMinutes(1)), RateLimit.parse("30/1m"));
        assertEquals(new RateLimit(100, Duration.ofMillis(500)), RateLimit.parse("100/500ms"));
        assertEquals(new RateLimit(5, Duration.ofHours(2)), RateLimit.parse("5/2h"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> RateLimit.parse("30 per minute"));
        assertTrue(bad.getMessage().contains("30 per minute"));
        assertThrows(IllegalArgumentException.class, () -> RateLimit.parse("0/1s"));
    }

    @Test
    void unlimitedGrantsEverything() {
        RequestRateLimiter<String> limiter = RequestRateLimiter.perPeerAndGlobal(RateLimit.UNLIMITED, clock);
        assertEquals(10_000, granted(limiter, "a", 10_000));
    }

    @Test
    void perPeerBucketStartsAtThreeQuartersOfVolumeAndRefills() {
        RequestRateLimiter<String> limiter = RequestRateLimiter.perPeerAndGlobal(new RateLimit(20, Duration.ofSeconds(1)), clock);
        assertEquals(15, granted(limiter, "a", 100), "75 % of the volume at first");
        clock.advance(Duration.ofSeconds(1));
        // the global bucket started with 20 (5 left) and refills 200 over 10 s: 25 now
        assertEquals(15, granted(limiter, "b", 100), "a new peer's own bucket limits it");
        assertEquals(10, granted(limiter, "c", 100), "the global bucket limits the third");
    }

    @Test
    void oneFloodingPeerDoesNotExhaustAnotherPeersBucketButTheGlobalOne() {
        RequestRateLimiter<String> limiter = RequestRateLimiter.perPeerAndGlobal(new RateLimit(100, Duration.ofMinutes(1)), clock);
        assertEquals(75, granted(limiter, "flood", 1000));
        assertEquals(25, granted(limiter, "quiet", 1000), "the rest of the global bucket");
    }

    @Test
    void filterStyleLimiterIsPerPeerOnly() {
        RequestRateLimiter<String> limiter = RequestRateLimiter.perPeerOnly(new RateLimit(30, Duration.ofMinutes(1)), clock);
        assertEquals(30, granted(limiter, "a", 100));
        assertEquals(30, granted(limiter, "b", 100));
        assertFalse(limiter.tryAcquire("a"));
        clock.advance(Duration.ofSeconds(2));
        assertTrue(limiter.tryAcquire("a"), "one token per two seconds");
        assertFalse(limiter.tryAcquire("a"));
    }

    @Test
    void idlePeersAreForgotten() {
        RequestRateLimiter<String> limiter = RequestRateLimiter.perPeerOnly(new RateLimit(2, Duration.ofSeconds(10)), clock);
        assertEquals(2, granted(limiter, "a", 5));
        limiter.forgetIdlePeers();
        assertFalse(limiter.tryAcquire("a"), "a drained bucket is kept");
        clock.advance(Duration.ofSeconds(20));
        limiter.forgetIdlePeers();
        assertEquals(2, granted(limiter, "a", 5));
    }
}
