package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.MessageHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message hashes seen within a TTL, at most {@code capacity} of them (the oldest go first). Seeing a hash
 * again restarts its TTL, as nwaku's timed cache does. Thread-safe.
 */
final class SeenHashes {

    private final Duration ttl;
    private final int capacity;
    private final Clock clock;
    /** In order of last sighting, so the entries to expire or evict are at the head. */
    private final LinkedHashMap<MessageHash, Instant> lastSeen = new LinkedHashMap<>();

    SeenHashes(Duration ttl, int capacity, Clock clock) {
        this.ttl = ttl;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** Records a sighting of {@code hash}; true when it was not seen within the TTL. */
    synchronized boolean firstSighting(MessageHash hash) {
        Instant now = clock.instant();
        forgetOlderThan(now.minus(ttl));
        boolean first = lastSeen.remove(hash) == null;
        lastSeen.put(hash, now);
        if (lastSeen.size() > capacity) {
            lastSeen.pollFirstEntry();
        }
        return first;
    }

    private void forgetOlderThan(Instant horizon) {
        Iterator<Map.Entry<MessageHash, Instant>> oldestFirst = lastSeen.entrySet().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().getValue().isBefore(horizon)) {
            oldestFirst.remove();
        }
    }
}
