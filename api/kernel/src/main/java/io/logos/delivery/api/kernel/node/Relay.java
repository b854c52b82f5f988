package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Waku relay ({@code /vac/waku/relay/2.0.0}): gossipsub per pubsub topic. */
public interface Relay {

    /** Joins {@code topic}'s mesh; messages received on it go to the message listeners. Idempotent. */
    void subscribe(PubsubTopic topic);

    /** Leaves {@code topic}'s mesh. Idempotent. */
    void unsubscribe(PubsubTopic topic);

    Set<PubsubTopic> subscriptions();

    /**
     * Validates {@code message} with the relay validators (size, required fields, timestamp, …) and
     * publishes it on {@code topic}; a missing timestamp is set to now.
     */
    CompletableFuture<PublishOutcome> publish(PubsubTopic topic, WakuMessage message);

    /**
     * Publishes on the shard autosharding gives the message's content topic.
     *
     * @throws IllegalStateException when the node uses static sharding
     */
    CompletableFuture<PublishOutcome> publish(WakuMessage message);

    /** The pubsub topic autosharding gives {@code topic}, or an error under static sharding. */
    PubsubTopic pubsubTopicOf(ContentTopic topic);

    /** Called for every valid message received (or published by us) on a subscribed topic. */
    Registration addMessageListener(MessageListener listener);

    /** The current health of {@code topic}; {@link TopicHealth#UNHEALTHY} when not subscribed. */
    TopicHealth health(PubsubTopic topic);

    /** The connected peers that told us they are subscribed to {@code topic} (nwaku's relay peers of a shard). */
    CompletableFuture<Set<PeerId>> topicPeers(PubsubTopic topic);

    /** The peers in our mesh of {@code topic}; empty unless we are subscribed to it. */
    CompletableFuture<Set<PeerId>> meshPeers(PubsubTopic topic);
}
