package io.logos.delivery.kernel.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * nwaku's request limiter: a global bucket and one bucket per peer. For a limit of {@code volume} per
 * {@code period}, the global bucket holds {@code volume·ratio} tokens refilled over {@code period·ratio}
 * (ratio 10 for periods up to 1 s, 3 up to 1 min, else 2) and starts with {@code volume}; a peer's bucket
 * holds 75 % of that. A request takes a token from its peer's bucket, then from the global one.
 * Thread-safe; buckets of quiet peers are forgotten by {@link #forgetIdlePeers()}.
 *
 * @param <P> the peer key
 */
public final class RequestRateLimiter<P> {

    private final RateLimit limit;
    private final Clock clock;
    private final long capacity;
    private final Duration refill;
    private final TokenBucket global;
    private final Map<P, TokenBucket> perPeer = new ConcurrentHashMap<>();
    private final boolean globalBucket;

    private RequestRateLimiter(RateLimit limit, Clock clock, boolean globalBucket) {
        this.limit = limit;
        this.clock = clock;
        this.globalBucket = globalBucket;
        int ratio = ratio(limit.period());
        this.capacity = (long) limit.volume() * ratio;
        this.refill = limit.period().multipliedBy(ratio);
        this.global = limit.unlimited() ? null : new TokenBucket(capacity, limit.volume(), refill, clock);
    }

    /** nwaku's limiter for lightpush, store and peer exchange: per-peer and global buckets. */
    public static <P> RequestRateLimiter<P> perPeerAndGlobal(RateLimit limit, Clock clock) {
        return new RequestRateLimiter<>(limit, clock, true);
    }

    /** nwaku's filter limiter: {@code volume} per {@code period} for each peer, no global bucket. */
    public static <P> RequestRateLimiter<P> perPeerOnly(RateLimit limit, Clock clock) {
        return new RequestRateLimiter<>(limit, clock, false);
    }

    private static int ratio(Duration period) {
        if (period.compareTo(Duration.ofSeconds(1)) <= 0) {
            return 10;
        }
        return period.compareTo(Duration.ofMinutes(1)) <= 0 ? 3 : 2;
    }

    /** Takes a token for a request of {@code peer}; false when it must be refused with 429. */
    public boolean tryAcquire(P peer) {
        if (limit.unlimited()) {
            return true;
        }
        TokenBucket mine = perPeer.computeIfAbsent(peer, ignored -> globalBucket
                ? new TokenBucket(capacity * 3 / 4, limit.volume() * 3L / 4, refill, clock)
                : new TokenBucket(limit.volume(), limit.volume(), limit.period(), clock));
        if (!mine.tryTake()) {
            return false;
        }
        return !globalBucket || global.tryTake();
    }

    /** Drops the buckets of peers that are back to full, so the map does not grow with every peer seen. */
    public void forgetIdlePeers() {
        perPeer.values().removeIf(TokenBucket::isFull);
    }

    public RateLimit limit() {
        return limit;
    }
}
