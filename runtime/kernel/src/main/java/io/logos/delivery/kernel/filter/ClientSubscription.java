package io.logos.delivery.kernel.filter;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.FilterSubscription;
import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.kernel.peers.PeerIds;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One subscription of a {@link DefaultFilterClient}: its criteria at one service, and where matches go. */
final class ClientSubscription implements FilterSubscription {

    private final io.logos.delivery.libp2p.peer.PeerId service;
    private final PubsubTopic pubsubTopic;
    private final Set<ContentTopic> contentTopics;
    private final Set<String> contentTopicValues;
    private final MessageListener listener;
    private final Function<ClientSubscription, CompletableFuture<Void>> unsubscriber;
    private final AtomicBoolean active = new AtomicBoolean(true);

    ClientSubscription(io.logos.delivery.libp2p.peer.PeerId service, PubsubTopic pubsubTopic,
                       Set<ContentTopic> contentTopics, MessageListener listener,
                       Function<ClientSubscription, CompletableFuture<Void>> unsubscriber) {
        this.service = service;
        this.pubsubTopic = pubsubTopic;
        this.contentTopics = Set.copyOf(contentTopics);
        this.contentTopicValues = contentTopics.stream().map(ContentTopic::value).collect(Collectors.toUnmodifiableSet());
        this.listener = listener;
        this.unsubscriber = unsubscriber;
    }

    @Override
    public PeerId service() {
        return PeerIds.toApi(service);
    }

    io.logos.delivery.libp2p.peer.PeerId servicePeer() {
        return service;
    }

    @Override
    public PubsubTopic pubsubTopic() {
        return pubsubTopic;
    }

    @Override
    public Set<ContentTopic> contentTopics() {
        return contentTopics;
    }

    MessageListener listener() {
        return listener;
    }

    /** Whether a message on {@code pubsubTopic} with {@code contentTopic} is one of ours. */
    boolean matches(String pubsubTopic, String contentTopic) {
        return this.pubsubTopic.value().equals(pubsubTopic) && contentTopicValues.contains(contentTopic);
    }

    /** Stops delivery; true the first time only. */
    boolean deactivate() {
        return active.compareAndSet(true, false);
    }

    boolean isActive() {
        return active.get();
    }

    @Override
    public CompletableFuture<Void> unsubscribe() {
        return unsubscriber.apply(this);
    }

    @Override
    public String toString() {
        return "filter subscription to " + contentTopics + " on " + pubsubTopic + " at " + service;
    }
}
