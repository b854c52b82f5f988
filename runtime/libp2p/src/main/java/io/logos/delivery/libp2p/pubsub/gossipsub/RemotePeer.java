package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.MessageId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What the router knows about one connected pubsub peer, including its per-heartbeat budgets. */
final class RemotePeer {

    private final PeerId id;
    private final GossipVersion version;
    private final ConnectionDirection direction;
    private final Set<String> topics = new LinkedHashSet<>();
    /** Ids the peer said it does not want, with the heartbeat after which the wish is forgotten. */
    private final Map<MessageId, Long> dontWant = new LinkedHashMap<>();

    private int ihaveMessagesThisHeartbeat;
    private int idsAskedThisHeartbeat;
    private int dontWantIdsThisHeartbeat;

    RemotePeer(PeerId id, GossipVersion version, ConnectionDirection direction) {
        this.id = id;
        this.version = version;
        this.direction = direction;
    }

    PeerId id() {
        return id;
    }

    GossipVersion version() {
        return version;
    }

    boolean isOutbound() {
        return direction == ConnectionDirection.OUTBOUND;
    }

    /** The topics the peer announced a subscription to. */
    Set<String> topics() {
        return topics;
    }

    /** Counts one more IHAVE; whether it is still within {@code limit} for this heartbeat. */
    boolean takeIHave(int limit) {
        return ++ihaveMessagesThisHeartbeat <= limit;
    }

    /** How many more message ids we may ask this peer for in this heartbeat. */
    int idsLeftToAsk(int limit) {
        return Math.max(0, limit - idsAskedThisHeartbeat);
    }

    void askedFor(int ids) {
        idsAskedThisHeartbeat += ids;
    }

    /** Remembers that the peer does not want {@code id}, within {@code limit} ids per heartbeat. */
    void dontWant(MessageId id, long forgetAfterHeartbeat, int limit) {
        if (dontWantIdsThisHeartbeat < limit) {
            dontWantIdsThisHeartbeat++;
            dontWant.remove(id); // re-insert so the map stays ordered by expiry
            dontWant.put(id, forgetAfterHeartbeat);
        }
    }

    boolean doesNotWant(MessageId id) {
        return dontWant.containsKey(id);
    }

    /** Starts a new heartbeat: refills the budgets and forgets IDONTWANTs that expired. */
    void startHeartbeat(long heartbeat) {
        ihaveMessagesThisHeartbeat = 0;
        idsAskedThisHeartbeat = 0;
        dontWantIdsThisHeartbeat = 0;
        var oldest = dontWant.entrySet().iterator();
        while (oldest.hasNext() && oldest.next().getValue() < heartbeat) {
            oldest.remove();
        }
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
