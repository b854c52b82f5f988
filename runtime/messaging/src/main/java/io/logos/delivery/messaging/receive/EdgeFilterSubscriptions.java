package io.logos.delivery.messaging.receive;

import io.logos.delivery.api.kernel.ContentTopic;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.RelayShard;
import io.logos.delivery.api.kernel.node.FilterSubscription;
import io.logos.delivery.api.kernel.node.KernelEvent;
import io.logos.delivery.api.kernel.node.MessageListener;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.messaging.receive.IncomingMessages.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edge-mode reception: for every shard with subscribed topics, one filter subscription holding all of them at
 * each of {@code filterPeers} distinct filter service peers. A peer that is lost (its subscription fails, or it
 * is no longer connected) is replaced by another connected one; after a change of a shard's topics each peer
 * is subscribed to the new set, then the old subscription is ended, which unsubscribes only the topics that
 * left. State lives on the delivery thread; the kernel's callbacks hop onto it.
 */
final class EdgeFilterSubscriptions implements MessageSource {

    static final String FILTER_PROTOCOL = "/vac/waku/filter-subscribe/2.0.0-beta1";
    /** How long a peer that failed a subscription is not chosen again. */
    static final Duration FAILED_PEER_COOLDOWN = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(EdgeFilterSubscriptions.class);

    /** Our subscription for one shard at one service peer: the one that holds, and whether one is being made. */
    private static final class AtPeer {
        private FilterSubscription live;
        private boolean requesting;
        private boolean dropped;
    }

    /** One shard's wanted topics, and the peers subscribed to them. */
    private static final class ShardState {
        private final PubsubTopic shard;
        private Set<ContentTopic> wanted = Set.of();
        private final Map<PeerId, AtPeer> peers = new LinkedHashMap<>();

        private ShardState(PubsubTopic shard) {
            this.shard = shard;
        }
    }

    private final WakuNode node;
    private final int filterPeers;
    private final Executor deliveryThread;
    private final MessageListener listener;
    private final PeerCooldown cooldown;
    private final Map<PubsubTopic, ShardState> shards = new LinkedHashMap<>();
    private Registration peerEvents;
    private boolean closed;

    /**
     * @param filterPeers    how many distinct service peers hold each shard's subscription
     * @param clock          the time peer cooldowns read
     * @param deliveryThread the thread this runs on, that filter callbacks hop onto
     */
    EdgeFilterSubscriptions(WakuNode node, int filterPeers, Clock clock, IncomingMessages incoming,
                            Executor deliveryThread) {
        this.node = node;
        this.filterPeers = filterPeers;
        this.deliveryThread = deliveryThread;
        this.cooldown = new PeerCooldown(clock, FAILED_PEER_COOLDOWN);
        this.listener = message -> deliveryThread.execute(() -> incoming.accept(message, Path.FILTER));
    }

    @Override
    public void start() {
        peerEvents = node.addEventListener(event -> {
            if (event instanceof KernelEvent.PeerConnected || event instanceof KernelEvent.PeerDisconnected) {
                deliveryThread.execute(this::maintain);
            }
        });
    }

    @Override
    public void topicsChanged(PubsubTopic shard, Set<ContentTopic> topics) {
        if (topics.isEmpty()) {
            ShardState left = shards.remove(shard);
            if (left != null) {
                List.copyOf(left.peers.keySet()).forEach(peer -> drop(left, peer));
            }
            return;
        }
        shards.computeIfAbsent(shard, ShardState::new).wanted = Set.copyOf(topics);
        maintain();
    }

    /** Drops lost peers, brings every peer's topics up to date, and fills up to {@code filterPeers} peers. */
    @Override
    public void maintain() {
        if (closed || shards.isEmpty()) {
            return;
        }
        cooldown.prune();
        List<PeerInfo> connected = node.peers().connected().stream().filter(PeerInfo::connected).toList();
        Set<PeerId> connectedIds = connected.stream().map(PeerInfo::peerId).collect(Collectors.toSet());
        List<PeerInfo> candidates = new ArrayList<>(connected.stream()
                .filter(peer -> peer.protocols().contains(FILTER_PROTOCOL)).toList());
        // spread the edge nodes of a network over its service peers
        Collections.shuffle(candidates);
        for (ShardState state : shards.values()) {
            maintain(state, connectedIds, candidates);
        }
    }

    private void maintain(ShardState state, Set<PeerId> connected, List<PeerInfo> candidates) {
        for (PeerId peer : List.copyOf(state.peers.keySet())) {
            if (!connected.contains(peer)) {
                LOG.info("Filter service peer {} of {} is gone; choosing another", peer, state.shard);
                drop(state, peer);
            }
        }
        state.peers.forEach((peer, at) -> {
            if (!at.requesting && (at.live == null || !at.live.contentTopics().equals(state.wanted))) {
                request(state, peer, at);
            }
        });
        for (PeerInfo candidate : candidates) {
            if (state.peers.size() >= filterPeers) {
                return;
            }
            PeerId peer = candidate.peerId();
            if (!state.peers.containsKey(peer) && !cooldown.coolingDown(peer) && serves(candidate, state.shard)) {
                AtPeer at = new AtPeer();
                state.peers.put(peer, at);
                request(state, peer, at);
            }
        }
        if (state.peers.size() < filterPeers) {
            LOG.trace("{} of {} filter service peers for {}", state.peers.size(), filterPeers, state.shard);
        }
    }

    /** Whether the peer's metadata (when known) says it serves {@code shard}. */
    private static boolean serves(PeerInfo peer, PubsubTopic shard) {
        Optional<RelayShard> relayShard = shard.shard();
        if (relayShard.isEmpty()) {
            return true;
        }
        boolean sameCluster = peer.clusterId().isEmpty() || peer.clusterId().getAsInt() == relayShard.get().clusterId();
        return sameCluster && (peer.shards().isEmpty() || peer.shards().contains(relayShard.get().shardId()));
    }

    private void request(ShardState state, PeerId peer, AtPeer at) {
        Set<ContentTopic> topics = state.wanted;
        at.requesting = true;
        LOG.debug("Subscribing to {} on {} at filter service peer {}", topics, state.shard, peer);
        node.filter().subscribe(state.shard, topics, listener, Optional.of(peer))
                .whenComplete((made, failure) -> deliveryThread.execute(
                        () -> subscribed(state, peer, at, made, failure)));
    }

    private void subscribed(ShardState state, PeerId peer, AtPeer at, FilterSubscription made, Throwable failure) {
        at.requesting = false;
        if (failure != null) {
            if (!at.dropped && !closed) {
                LOG.info("Filter subscription to {} at {} failed: {}; choosing another peer", state.shard, peer,
                        unwrap(failure).getMessage());
                cooldown.failed(peer);
                drop(state, peer);
                maintain();
            }
            return;
        }
        if (at.dropped || closed) {
            release(made);
            return;
        }
        FilterSubscription previous = at.live;
        at.live = made;
        if (previous != null) {
            // the service keeps the topics the new subscription holds too; only those that left go
            release(previous);
        }
        if (!made.contentTopics().equals(state.wanted)) {
            maintain();
        }
    }

    private void drop(ShardState state, PeerId peer) {
        AtPeer at = state.peers.remove(peer);
        if (at != null) {
            at.dropped = true;
            if (at.live != null) {
                release(at.live);
            }
        }
    }

    private static void release(FilterSubscription subscription) {
        subscription.unsubscribe().whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.debug("Unsubscribing {} failed: {}", subscription, unwrap(failure).getMessage());
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** Ends every subscription at the service peers. */
    @Override
    public void close() {
        closed = true;
        if (peerEvents != null) {
            peerEvents.close();
        }
        shards.values().forEach(state -> List.copyOf(state.peers.keySet()).forEach(peer -> drop(state, peer)));
        shards.clear();
    }
}
