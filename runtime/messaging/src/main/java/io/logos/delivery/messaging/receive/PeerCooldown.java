package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.node.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Service peers that failed a subscription, left alone for a while so that other peers are tried first and a
 * refusing peer is not asked again every round. Used on the delivery thread only.
 */
final class PeerCooldown {

    private final Clock clock;
    private final Duration duration;
    private final Map<PeerId, Instant> until = new HashMap<>();

    PeerCooldown(Clock clock, Duration duration) {
        this.clock = clock;
        this.duration = duration;
    }

    void failed(PeerId peer) {
        until.put(peer, clock.instant().plus(duration));
    }

    boolean coolingDown(PeerId peer) {
        Instant end = until.get(peer);
        return end != null && clock.instant().isBefore(end);
    }

    /** Forgets the peers whose cooldown is over. */
    void prune() {
        Instant now = clock.instant();
        until.values().removeIf(end -> !now.isBefore(end));
    }
}
