package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Which connected peers announced a subscription to which topic: the index of {@link RemotePeer#topics()}. */
final class TopicPeers {

    private final Map<String, Set<PeerId>> peersByTopic = new HashMap<>();

    void add(String topic, PeerId peer) {
        peersByTopic.computeIfAbsent(topic, t -> new LinkedHashSet<>()).add(peer);
    }

    void remove(String topic, PeerId peer) {
        Set<PeerId> peers = peersByTopic.get(topic);
        if (peers != null && peers.remove(peer) && peers.isEmpty()) {
            peersByTopic.remove(topic);
        }
    }

    /** The peers subscribed to {@code topic}, as a read-only live view. */
    Set<PeerId> peers(String topic) {
        return Collections.unmodifiableSet(peersByTopic.getOrDefault(topic, Set.of()));
    }

    boolean isSubscribed(PeerId peer, String topic) {
        return peersByTopic.getOrDefault(topic, Set.of()).contains(peer);
    }
}
