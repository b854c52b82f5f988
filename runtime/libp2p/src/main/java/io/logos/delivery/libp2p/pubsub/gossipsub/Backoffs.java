package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Prune backoffs (gossipsub v1.1): after a PRUNE, in either direction, neither side may graft the other in
 * that topic until the backoff ends. We wait an extra slack before grafting ourselves, because the peer's
 * heartbeat that clears its backoff may come later than ours.
 */
final class Backoffs {

    private final Duration slack;
    private final Map<String, Map<PeerId, Instant>> endByTopic = new HashMap<>();

    Backoffs(Duration slack) {
        this.slack = slack;
    }

    /** Backs {@code peer} off {@code topic} until {@code end}, unless a later backoff is already set. */
    void add(String topic, PeerId peer, Instant end) {
        endByTopic.computeIfAbsent(topic, t -> new HashMap<>()).merge(peer, end, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Whether the peer is still backed off, as far as its GRAFTs to us are concerned. */
    boolean isActive(String topic, PeerId peer, Instant now) {
        Instant end = end(topic, peer);
        return end != null && now.isBefore(end);
    }

    /** Whether we must not graft the peer yet: the backoff plus slack has not passed. */
    boolean forbidsGraft(String topic, PeerId peer, Instant now) {
        Instant end = end(topic, peer);
        return end != null && now.isBefore(end.plus(slack));
    }

    /** When the backoff ends, or null when there is none. */
    Instant end(String topic, PeerId peer) {
        Map<PeerId, Instant> peers = endByTopic.get(topic);
        return peers == null ? null : peers.get(peer);
    }

    /** Forgets backoffs that no longer forbid anything. */
    void expire(Instant now) {
        endByTopic.values().forEach(peers -> peers.values().removeIf(end -> !now.isBefore(end.plus(slack))));
        endByTopic.values().removeIf(Map::isEmpty);
    }
}
