package io.logos.delivery.api.messaging;

import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.kernel.node.WakuNode;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The messaging API: send with delivery confirmation, receive with store backfill, connection health — a layer
 * above a kernel {@link WakuNode}. The layer owns its delivery service (retries, store confirmations, dedup,
 * backfill, filter subscriptions); a kernel node used without it runs none of that.
 *
 * <p>Build one with {@link #create} (it builds its own kernel node) or {@link #over} (over a node you built).
 * Events reach {@link #addListener listeners} in order on the layer's event thread.
 */
public interface MessagingApi extends AutoCloseable {

    /** A node for {@code mode} on the {@code preset} network, changed by {@code overrides}. Not started yet. */
    static MessagingApi create(Preset preset, Mode mode, NodeOverrides overrides) {
        return create(preset, mode, overrides, MessagingOptions.DEFAULT);
    }

    static MessagingApi create(Preset preset, Mode mode, NodeOverrides overrides, MessagingOptions options) {
        return MessagingApiProvider.load().create(preset, mode, overrides, options);
    }

    /**
     * A messaging layer over {@code node}: {@link Mode#CORE} when the node relays, else {@link Mode#EDGE}. Its
     * {@link #start} and {@link #stop} do not start or stop the node.
     */
    static MessagingApi over(WakuNode node) {
        return over(node, MessagingOptions.DEFAULT);
    }

    static MessagingApi over(WakuNode node, MessagingOptions options) {
        return MessagingApiProvider.load().over(node, options);
    }

    Mode mode();

    /** The kernel node under this layer. */
    WakuNode kernel();

    /** Starts the kernel node (when this layer built it), then the delivery service. */
    CompletableFuture<Void> start();

    /** Stops the delivery service, then the kernel node (when this layer built it). */
    CompletableFuture<Void> stop();

    /**
     * Receives messages on these content topics from now on: relay shards are joined (core) or filter
     * subscriptions made on service peers in the background (edge). Topics already subscribed are fine.
     *
     * @throws SubscriptionException naming each topic that can never be subscribed; the others are subscribed
     * @throws IllegalStateException before {@link #start} or after {@link #stop}
     */
    void subscribe(Collection<String> contentTopics);

    /**
     * Stops receiving on these content topics.
     *
     * @throws SubscriptionException naming each topic that is invalid or not subscribed; the others are dropped
     */
    void unsubscribe(Collection<String> contentTopics);

    /** The subscribed content topics. */
    List<String> subscriptions();

    /**
     * Queues {@code envelope} for sending and returns at once; the request's progress arrives as
     * {@link MessagingEvent.MessagePropagated}, {@link MessagingEvent.MessageSent} or
     * {@link MessagingEvent.MessageSendError} events with the returned id.
     *
     * @throws InvalidEnvelopeException when the envelope can never be sent (malformed content topic, too large)
     * @throws IllegalStateException    before {@link #start} or after {@link #stop}
     */
    RequestId send(MessageEnvelope envelope);

    ConnectionStatus connectionStatus();

    Registration addListener(MessagingEventListener listener);

    /** The ids {@link #nodeInfo} answers: {@code version}, {@code my_peer_id}, {@code my_enr}, … */
    List<String> nodeInfoIds();

    /**
     * A fact about the node as JSON, e.g. {@code "0.1.0"} for {@code version}.
     *
     * @throws IllegalArgumentException for an id not in {@link #nodeInfoIds()}
     */
    String nodeInfo(String id);

    /** {@link #stop()} and wait. */
    @Override
    void close();
}
