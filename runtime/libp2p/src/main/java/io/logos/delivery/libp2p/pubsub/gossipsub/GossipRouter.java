package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.AsyncTopicValidator;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.net.InetAddress;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gossipsub router, independent of the network: driven by method calls (peers coming and going, RPCs
 * received, the heartbeat, the application's requests) and an injected clock and random source; it emits
 * RPCs through {@link RouterOutput}. Not thread-safe: every call must come from one thread, the one
 * {@code routerExecutor} runs on.
 */
final class GossipRouter {

    private static final Logger LOG = LoggerFactory.getLogger(GossipRouter.class);

    private final RouterContext ctx;
    private final Meshes meshes;
    private final Subscribers subscribers = new Subscribers();
    private final TopicValidators validators;
    private final MessageRelay relay;
    private final ControlHandler control;
    private final Heartbeat heartbeat;

    /**
     * @param routerExecutor runs tasks on the router's thread; asynchronous validation continues there
     */
    GossipRouter(PeerId localPeer, GossipSubConfig config, InstantSource clock, RandomGenerator random,
                 Executor routerExecutor, RouterOutput output) {
        PeerScore score = new PeerScore(config.score(), clock);
        this.ctx = new RouterContext(localPeer, config.gossip(), config.thresholds(), score, clock, random, output);
        this.meshes = new Meshes(ctx);
        this.validators = new TopicValidators(routerExecutor);
        SeenMessages seen = new SeenMessages(config.gossip().seenTtl(), config.gossip().maxSeenMessages());
        MessageCache cache = new MessageCache(config.gossip().historyLength(), config.gossip().historyGossip());
        GossipPromises promises = new GossipPromises();
        this.relay = new MessageRelay(ctx, meshes, subscribers, validators, config.messageIdFunction(), seen, cache,
                promises);
        this.control = new ControlHandler(ctx, meshes, seen, cache, promises);
        this.heartbeat = new Heartbeat(ctx, meshes, cache, seen, promises);
    }

    /**
     * A peer speaking {@code protocolId} is reachable: it is sent our subscriptions. Adding a known peer does
     * nothing.
     *
     * @param address the peer's IP, for colocation scoring, when known
     */
    void addPeer(PeerId peer, String protocolId, ConnectionDirection direction, Optional<InetAddress> address) {
        if (ctx.peers.containsKey(peer)) {
            return;
        }
        ctx.peers.put(peer, new RemotePeer(peer, GossipVersion.of(protocolId), direction));
        ctx.score.connected(peer, address);
        for (String topic : meshes.joinedTopics()) {
            ctx.outbox.subscription(peer, topic, true);
        }
        ctx.outbox.flush();
    }

    /** The peer is gone: it leaves meshes, fanout and topics; its score may be retained. */
    void removePeer(PeerId peer) {
        RemotePeer remote = ctx.peers.remove(peer);
        if (remote == null) {
            return;
        }
        ctx.score.disconnected(peer);
        remote.topics().forEach(topic -> ctx.topicPeers.remove(topic, peer));
        meshes.disconnected(peer);
        ctx.outbox.discard(peer);
        heartbeat.forget(peer);
    }

    /** Handles an RPC from {@code from}; RPCs of unknown or graylisted peers are ignored. */
    void handleRpc(PeerId from, RPC rpc) {
        RemotePeer peer = ctx.peers.get(from);
        if (peer == null) {
            LOG.debug("ignoring an RPC from {}, which is not a known pubsub peer", from);
            return;
        }
        if (ctx.score(from) < ctx.thresholds.graylistThreshold()) {
            LOG.debug("ignoring an RPC from graylisted {}", from);
            return;
        }
        rpc.getSubscriptionsList().forEach(sub -> handleSubscription(peer, sub));
        rpc.getPublishList().forEach(message -> relay.receive(peer, message));
        if (rpc.hasControl()) {
            control.handle(peer, rpc.getControl());
        }
        ctx.outbox.flush();
    }

    /** Runs one heartbeat; call it every heartbeat interval. */
    void heartbeat() {
        heartbeat.run();
    }

    /** Decays the score counters; call it every decay interval of the score parameters. */
    void decayScores() {
        ctx.score.decay();
    }

    /** Publishes our own message; see {@link io.logos.delivery.libp2p.pubsub.PubSub#publish}. */
    PublishResult publish(String topic, byte[] data) {
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        PublishResult result = relay.publish(topic, data);
        ctx.outbox.flush();
        return result;
    }

    /** Adds a handler for {@code topic}; the first one joins the topic. */
    void subscribe(String topic, Consumer<Message> handler) {
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        if (subscribers.add(topic, handler)) {
            ctx.peers.keySet().forEach(peer -> ctx.outbox.subscription(peer, topic, true));
            meshes.join(topic);
            ctx.outbox.flush();
        }
    }

    /** Removes a handler of {@code topic}; removing the last one leaves the topic. */
    void unsubscribe(String topic, Consumer<Message> handler) {
        if (subscribers.remove(topic, handler)) {
            ctx.peers.keySet().forEach(peer -> ctx.outbox.subscription(peer, topic, false));
            meshes.leave(topic);
            ctx.outbox.flush();
        }
    }

    /** Adds a validator for {@code topic}; run the returned action to remove it. */
    Runnable addValidator(String topic, AsyncTopicValidator validator) {
        return validators.add(topic, validator);
    }

    Set<PeerId> meshPeers(String topic) {
        return Set.copyOf(meshes.mesh(topic));
    }

    Set<PeerId> fanoutPeers(String topic) {
        return Set.copyOf(meshes.fanout(topic));
    }

    Set<PeerId> topicPeers(String topic) {
        return Set.copyOf(ctx.topicPeers.peers(topic));
    }

    double score(PeerId peer) {
        return ctx.score(peer);
    }

    boolean isSubscribed(String topic) {
        return meshes.isJoined(topic);
    }

    private void handleSubscription(RemotePeer peer, RPC.SubOpts sub) {
        String topic = sub.getTopicid();
        if (topic.isEmpty() || topic.length() > ctx.params.maxTopicLength()) {
            return;
        }
        if (!sub.getSubscribe()) {
            if (peer.topics().remove(topic)) {
                ctx.topicPeers.remove(topic, peer.id());
                meshes.unsubscribed(peer.id(), topic);
            }
        } else if (peer.topics().size() >= ctx.params.maxSubscriptionsPerPeer()) {
            LOG.debug("ignoring a subscription of {}: it has {} already", peer, peer.topics().size());
        } else if (peer.topics().add(topic)) {
            ctx.topicPeers.add(topic, peer.id());
        }
    }
}
