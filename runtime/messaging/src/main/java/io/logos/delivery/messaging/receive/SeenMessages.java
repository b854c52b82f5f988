package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.MessageHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hashes of the messages already emitted, each remembered for the dedup retention after it was first seen
 * (nwaku's {@code MaxMessageLife}), so that a message reaching us by several paths is emitted once. Used on the
 * delivery thread only.
 */
final class SeenMessages {

    private final Clock clock;
    private final Duration retention;
    /** In the order first seen, which is the order of their times: pruning stops at the first one kept. */
    private final Map<MessageHash, Instant> firstSeen = new LinkedHashMap<>();

    SeenMessages(Clock clock, Duration retention) {
        this.clock = clock;
        this.retention = retention;
    }

    /** Remembers {@code hash}; true when it was not remembered yet. */
    boolean markSeen(MessageHash hash) {
        return firstSeen.putIfAbsent(hash, clock.instant()) == null;
    }

    boolean contains(MessageHash hash) {
        return firstSeen.containsKey(hash);
    }

    /** Forgets the hashes seen longer than the retention ago. */
    void prune() {
        Instant cutoff = clock.instant().minus(retention);
        Iterator<Instant> times = firstSeen.values().iterator();
        while (times.hasNext() && times.next().isBefore(cutoff)) {
            times.remove();
        }
    }
}
