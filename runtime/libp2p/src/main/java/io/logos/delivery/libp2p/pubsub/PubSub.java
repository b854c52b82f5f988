package io.logos.delivery.libp2p.pubsub;

import io.logos.delivery.libp2p.peer.PeerId;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Publish/subscribe over libp2p (libp2p pubsub spec) as the application uses it. Messages follow the
 * StrictNoSign policy: no author, sequence number or signature is sent, and received messages carrying any
 * are rejected. Every method may be called from any thread; handlers and validators run on the router's
 * thread, one at a time, so they must return quickly.
 */
public interface PubSub {

    /**
     * Delivers every valid message of {@code topic} to {@code handler}, once per message id within the
     * seen-cache time, including the messages we publish ourselves. The first subscription to a topic joins
     * it: peers are told and a mesh is built. A handler that throws is logged and does not stop others.
     */
    Subscription subscribe(String topic, Consumer<Message> handler);

    /**
     * Publishes {@code data} to {@code topic}, whether or not we are subscribed to it. Validators are not
     * run on our own messages: validate before publishing.
     *
     * @return how many peers the message went to, or why it did not go out
     */
    CompletableFuture<PublishResult> publish(String topic, byte[] data);

    /**
     * Adds a validator for messages received on {@code topic}. Validators of a topic run in the order they
     * were added, each after the previous one accepted; the first that does not accept decides.
     */
    Registration addValidator(String topic, TopicValidator validator);

    /** Adds an asynchronous validator for messages received on {@code topic}; ordered like {@link #addValidator}. */
    Registration addAsyncValidator(String topic, AsyncTopicValidator validator);

    /** The peers in our mesh of {@code topic} (empty unless subscribed), e.g. for topic health. */
    CompletableFuture<Set<PeerId>> meshPeers(String topic);

    /** The connected peers that told us they are subscribed to {@code topic}. */
    CompletableFuture<Set<PeerId>> topicPeers(String topic);
}
