package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.MessageId;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The message cache, {@code mcache} (gossipsub v1.0): validated messages of the last {@code historyLength}
 * heartbeats, kept to answer IWANT, of which the last {@code historyGossip} heartbeats are advertised in
 * IHAVE. It also counts how often each peer was sent each message through IWANT, so repeated requests cannot
 * make us resend a message without limit (gossipsub v1.1 "Spam Protection Measures").
 */
final class MessageCache {

    private record Cached(RpcProto.Message message, Map<PeerId, Integer> iwantTransmissions) {
    }

    private record WindowEntry(MessageId id, String topic) {
    }

    private final int historyGossip;
    private final Map<MessageId, Cached> messages = new HashMap<>();
    /** One window per heartbeat, newest first. */
    private final ArrayDeque<List<WindowEntry>> windows = new ArrayDeque<>();

    MessageCache(int historyLength, int historyGossip) {
        this.historyGossip = historyGossip;
        for (int i = 0; i < historyLength; i++) {
            windows.addLast(new ArrayList<>());
        }
    }

    /** Adds a validated message to the newest window; a message already cached stays where it is. */
    void put(MessageId id, RpcProto.Message message) {
        if (messages.putIfAbsent(id, new Cached(message, new HashMap<>())) == null) {
            windows.getFirst().add(new WindowEntry(id, message.getTopic()));
        }
    }

    /**
     * The cached message for an IWANT of {@code peer}, counting the transmission; null when it is not cached
     * or the peer already got it {@code maxTransmissions} times this way.
     */
    RpcProto.Message takeForIWant(MessageId id, PeerId peer, int maxTransmissions) {
        Cached cached = messages.get(id);
        if (cached == null) {
            return null;
        }
        int sent = cached.iwantTransmissions().merge(peer, 1, Integer::sum);
        return sent <= maxTransmissions ? cached.message() : null;
    }

    /** The ids of {@code topic} cached in the newest {@code historyGossip} windows, newest first. */
    List<MessageId> gossipIds(String topic) {
        List<MessageId> ids = new ArrayList<>();
        Iterator<List<WindowEntry>> newestFirst = windows.iterator();
        for (int i = 0; i < historyGossip && newestFirst.hasNext(); i++) {
            for (WindowEntry entry : newestFirst.next()) {
                if (entry.topic().equals(topic)) {
                    ids.add(entry.id());
                }
            }
        }
        return ids;
    }

    /** Opens a new window and drops the messages of the oldest one. */
    void shift() {
        for (WindowEntry expired : windows.removeLast()) {
            messages.remove(expired.id());
        }
        windows.addFirst(new ArrayList<>());
    }
}
