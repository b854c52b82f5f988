package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.AsyncTopicValidator;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.Message;
import io.logos.delivery.libp2p.pubsub.PubSub;
import io.logos.delivery.libp2p.pubsub.PubSubConnections;
import io.logos.delivery.libp2p.pubsub.PubSubNetwork;
import io.logos.delivery.libp2p.pubsub.PublishResult;
import io.logos.delivery.libp2p.pubsub.Registration;
import io.logos.delivery.libp2p.pubsub.Subscription;
import io.logos.delivery.libp2p.pubsub.TopicValidator;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gossipsub on the network: the router ({@link GossipRouter}) run on one event loop, with its heartbeat and
 * score decay scheduled there, and its RPCs carried by the peers' pubsub streams. The application uses it as
 * {@link PubSub}; the libp2p host reports peers and streams through {@link PubSubConnections} and serves it
 * through {@link PubSubNetwork}. Every method may be called from any thread; the work happens on the loop, so
 * calls from a handler or validator take effect after it returns.
 */
public final class GossipSub implements PubSub, PubSubConnections, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GossipSub.class);

    /** RPC frames that may wait for one peer, counted in maximum-size frames. */
    private static final int UNSENT_FRAMES_PER_PEER = 8;

    private final GossipSubConfig config;
    private final EventExecutor loop;
    private final GossipRouter router;
    private final GossipStreams streams;
    private final ScheduledFuture<?> heartbeat;
    private final ScheduledFuture<?> scoreDecay;

    private GossipSub(PeerId localPeer, GossipSubConfig config, PubSubNetwork network, EventExecutor loop) {
        this.config = config;
        this.loop = loop;
        RouterBinding binding = new RouterBinding(network);
        this.router = new GossipRouter(localPeer, config, InstantSource.system(),
                new SplittableRandom(new SecureRandom().nextLong()), loop, binding);
        int maxFrame = config.gossip().maxMessageSize();
        this.streams = new GossipStreams(config.protocolIds(), network, loop, maxFrame,
                (long) UNSENT_FRAMES_PER_PEER * maxFrame, binding);
        long interval = config.gossip().heartbeatInterval().toNanos();
        this.heartbeat = loop.scheduleAtFixedRate(guarded("heartbeat", router::heartbeat),
                config.gossip().heartbeatInitialDelay().toNanos(), interval, TimeUnit.NANOSECONDS);
        long decay = config.score().decayInterval().toNanos();
        this.scoreDecay = loop.scheduleAtFixedRate(guarded("score decay", router::decayScores),
                decay, decay, TimeUnit.NANOSECONDS);
    }

    /**
     * Starts gossipsub: the heartbeat begins after the configured initial delay.
     *
     * @param localPeer our peer id
     * @param network   the host's side
     * @param loop      the event loop the router runs on; handlers and validators are called there
     */
    public static GossipSub start(PeerId localPeer, GossipSubConfig config, PubSubNetwork network, EventExecutor loop) {
        return new GossipSub(Objects.requireNonNull(localPeer, "localPeer"), Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(network, "network"), Objects.requireNonNull(loop, "loop"));
    }

    // ---- PubSub ----

    @Override
    public Subscription subscribe(String topic, Consumer<Message> handler) {
        requireTopic(topic);
        Objects.requireNonNull(handler, "handler");
        loop.execute(() -> router.subscribe(topic, handler));
        AtomicBoolean active = new AtomicBoolean(true);
        return new Subscription() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public void unsubscribe() {
                if (active.getAndSet(false)) {
                    loop.execute(() -> router.unsubscribe(topic, handler));
                }
            }
        };
    }

    @Override
    public CompletableFuture<PublishResult> publish(String topic, byte[] data) {
        requireTopic(topic);
        byte[] copy = data.clone();
        return onLoop(() -> router.publish(topic, copy));
    }

    @Override
    public Registration addValidator(String topic, TopicValidator validator) {
        Objects.requireNonNull(validator, "validator");
        return addAsyncValidator(topic, message -> CompletableFuture.completedFuture(validator.validate(message)));
    }

    @Override
    public Registration addAsyncValidator(String topic, AsyncTopicValidator validator) {
        requireTopic(topic);
        Objects.requireNonNull(validator, "validator");
        CompletableFuture<Runnable> removal = onLoop(() -> router.addValidator(topic, validator));
        AtomicBoolean active = new AtomicBoolean(true);
        return () -> {
            if (active.getAndSet(false)) {
                removal.thenAcceptAsync(Runnable::run, loop);
            }
        };
    }

    @Override
    public CompletableFuture<Set<PeerId>> meshPeers(String topic) {
        return onLoop(() -> router.meshPeers(topic));
    }

    @Override
    public CompletableFuture<Set<PeerId>> topicPeers(String topic) {
        return onLoop(() -> router.topicPeers(topic));
    }

    // ---- PubSubConnections ----

    @Override
    public List<String> protocolIds() {
        return config.protocolIds();
    }

    @Override
    public void peerConnected(PeerId peer, ConnectionDirection direction, Optional<InetAddress> address,
                              Collection<String> protocols) {
        streams.peerConnected(peer, direction, address, protocols);
    }

    @Override
    public void inboundStream(PeerId peer, Channel stream) {
        streams.inboundStream(peer, stream);
    }

    @Override
    public void peerDisconnected(PeerId peer) {
        streams.peerDisconnected(peer);
    }

    /** Stops the heartbeat and closes every pubsub stream. */
    @Override
    public void close() {
        heartbeat.cancel(false);
        scoreDecay.cancel(false);
        loop.execute(streams::close);
    }

    private <T> CompletableFuture<T> onLoop(Supplier<T> task) {
        try {
            return CompletableFuture.supplyAsync(task, loop);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void requireTopic(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
    }

    /** A periodic task that logs its failure instead of silently ending the schedule. */
    private static Runnable guarded(String name, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("gossipsub {} failed", name, e);
            }
        };
    }

    /** Connects the router to the streams and the host. */
    private final class RouterBinding implements RouterOutput, GossipStreams.Listener {
        private final PubSubNetwork network;

        RouterBinding(PubSubNetwork network) {
            this.network = network;
        }

        @Override
        public void send(PeerId peer, RPC rpc) {
            streams.send(peer, rpc);
        }

        @Override
        public void dialExchangedPeers(List<ExchangedPeer> peers) {
            try {
                network.dialExchangedPeers(peers);
            } catch (RuntimeException e) {
                LOG.warn("the host failed to take {} exchanged peers", peers.size(), e);
            }
        }

        @Override
        public void disconnect(PeerId peer) {
            try {
                network.disconnect(peer);
            } catch (RuntimeException e) {
                LOG.warn("the host failed to disconnect {}", peer, e);
            }
        }

        @Override
        public void peerReady(PeerId peer, String protocolId, ConnectionDirection direction,
                              Optional<InetAddress> address) {
            router.addPeer(peer, protocolId, direction, address);
        }

        @Override
        public void rpcReceived(PeerId peer, RPC rpc) {
            router.handleRpc(peer, rpc);
        }

        @Override
        public void peerGone(PeerId peer) {
            router.removePeer(peer);
        }
    }
}
