package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.pubsub.MessageId;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seen cache (gossipsub v1.0 "Message Cache"): message ids observed within the seen TTL, each with its
 * {@link Delivery} record. Bounded by count as well, so a flood of distinct messages cannot grow it without
 * limit; the oldest ids go first.
 */
final class SeenMessages {

    private final Duration ttl;
    private final int capacity;
    /** In first-seen order, so expiry only looks at the head. */
    private final LinkedHashMap<MessageId, Delivery> deliveries = new LinkedHashMap<>();

    SeenMessages(Duration ttl, int capacity) {
        this.ttl = ttl;
        this.capacity = capacity;
    }

    /** The record of {@code id}, or null when it was not seen within the TTL. */
    Delivery get(MessageId id) {
        return deliveries.get(id);
    }

    boolean contains(MessageId id) {
        return deliveries.containsKey(id);
    }

    /** Records the first sighting of {@code id}, which must not be in the cache. */
    void add(MessageId id, Delivery delivery) {
        deliveries.put(id, delivery);
        if (deliveries.size() > capacity) {
            Iterator<MessageId> oldest = deliveries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets ids first seen more than the TTL before {@code now}. */
    void expire(Instant now) {
        Instant limit = now.minus(ttl);
        Iterator<Map.Entry<MessageId, Delivery>> oldest = deliveries.entrySet().iterator();
        while (oldest.hasNext() && !oldest.next().getValue().firstSeen().isAfter(limit)) {
            oldest.remove();
        }
    }
}
