package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.messaging.receive.IncomingMessages.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core-mode reception: one relay message listener for everything the node relays, and the shards of the
 * subscribed topics joined. Shards the node served before the layer started are the operator's and are never
 * left; the ones joined here are left when their last topic is unsubscribed.
 */
final class RelayReception implements MessageSource {

    private static final Logger LOG = LoggerFactory.getLogger(RelayReception.class);

    private final WakuNode node;
    private final IncomingMessages incoming;
    private final Executor deliveryThread;
    private final Set<PubsubTopic> joined = new HashSet<>();
    private Relay relay;
    private Set<PubsubTopic> nodeShards = Set.of();
    private Registration listening;

    RelayReception(WakuNode node, IncomingMessages incoming, Executor deliveryThread) {
        this.node = node;
        this.incoming = incoming;
        this.deliveryThread = deliveryThread;
    }

    @Override
    public void start() {
        relay = node.relay().orElseThrow(() -> new IllegalStateException(
                "core mode receives through relay, but the node has no relay mounted"));
        nodeShards = Set.copyOf(relay.subscriptions());
        listening = relay.addMessageListener(message -> deliveryThread.execute(
                () -> incoming.accept(message, Path.RELAY)));
    }

    @Override
    public void topicsChanged(PubsubTopic shard, Set<ContentTopic> topics) {
        requireStarted();
        if (topics.isEmpty()) {
            if (joined.remove(shard)) {
                LOG.info("Leaving {}: no subscribed content topic is left on it", shard);
                relay.unsubscribe(shard);
            }
        } else if (!nodeShards.contains(shard) && joined.add(shard)) {
            LOG.info("Joining {} for content topics {}", shard, topics);
            relay.subscribe(shard);
        }
    }

    @Override
    public void maintain() {
        // relay keeps its mesh itself
    }

    @Override
    public void close() {
        if (listening != null) {
            listening.close();
            joined.forEach(relay::unsubscribe);
            joined.clear();
        }
    }

    private void requireStarted() {
        if (relay == null) {
            throw new IllegalStateException("relay reception is not started");
        }
    }
}
