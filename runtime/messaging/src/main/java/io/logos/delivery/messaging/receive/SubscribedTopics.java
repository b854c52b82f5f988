package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The subscribed content topics, grouped by the shard autosharding puts them on: what relay traffic is filtered
 * by, what filter subscriptions hold, what a backfill asks store for. Used on the delivery thread only.
 */
final class SubscribedTopics {

    private final AutoSharding sharding;
    private final Map<PubsubTopic, Set<ContentTopic>> byShard = new LinkedHashMap<>();

    SubscribedTopics(AutoSharding sharding) {
        this.sharding = sharding;
    }

    /** Subscribes {@code topic}; answers its shard when that shard's topics changed. */
    Optional<PubsubTopic> add(ContentTopic topic) {
        PubsubTopic shard = sharding.pubsubTopicOf(topic);
        return byShard.computeIfAbsent(shard, ignored -> new LinkedHashSet<>()).add(topic)
                ? Optional.of(shard) : Optional.empty();
    }

    /** Unsubscribes {@code topic}; answers its shard when that shard's topics changed. */
    Optional<PubsubTopic> remove(ContentTopic topic) {
        PubsubTopic shard = sharding.pubsubTopicOf(topic);
        Set<ContentTopic> topics = byShard.get(shard);
        if (topics == null || !topics.remove(topic)) {
            return Optional.empty();
        }
        if (topics.isEmpty()) {
            byShard.remove(shard);
        }
        return Optional.of(shard);
    }

    /** The topics subscribed on {@code shard}; empty when none. */
    Set<ContentTopic> on(PubsubTopic shard) {
        return Set.copyOf(byShard.getOrDefault(shard, Set.of()));
    }

    /** Whether a message with {@code contentTopic} that arrived on {@code pubsubTopic} is one we want. */
    boolean isSubscribed(PubsubTopic pubsubTopic, String contentTopic) {
        return byShard.getOrDefault(pubsubTopic, Set.of()).stream().anyMatch(topic -> topic.value().equals(contentTopic));
    }

    /** Every shard with subscribed topics, and its topics. */
    Map<PubsubTopic, Set<ContentTopic>> byShard() {
        Map<PubsubTopic, Set<ContentTopic>> copy = new LinkedHashMap<>();
        byShard.forEach((shard, topics) -> copy.put(shard, Set.copyOf(topics)));
        return copy;
    }
}
