package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.MessageId;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Promises implied by IHAVE (gossipsub v1.1 "Spam Protection Measures"): when we ask a peer for advertised
 * messages, we track one of them; if no peer delivers it by the deadline, the advertiser broke its promise
 * and earns a behaviour penalty. This flags peers advertising ids they cannot deliver.
 */
final class GossipPromises {

    private final Map<MessageId, Map<PeerId, Instant>> deadlines = new HashMap<>();

    /** {@code peer} advertised {@code id} and we asked for it; it should arrive before {@code deadline}. */
    void expect(PeerId peer, MessageId id, Instant deadline) {
        deadlines.computeIfAbsent(id, k -> new LinkedHashMap<>()).putIfAbsent(peer, deadline);
    }

    /** The message arrived, from whichever peer: every promise for it is kept. */
    void delivered(MessageId id) {
        deadlines.remove(id);
    }

    /** Removes the promises whose deadline passed and counts them per peer. */
    Map<PeerId, Integer> collectBroken(Instant now) {
        Map<PeerId, Integer> broken = new LinkedHashMap<>();
        deadlines.values().forEach(peers -> peers.entrySet().removeIf(promise -> {
            boolean expired = !now.isBefore(promise.getValue());
            if (expired) {
                broken.merge(promise.getKey(), 1, Integer::sum);
            }
            return expired;
        }));
        deadlines.values().removeIf(Map::isEmpty);
        return broken;
    }
}
