package io.logos.delivery.libp2p.pubsub.gossipsub;

import com.google.protobuf.ByteString;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.ControlPrune;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.PeerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The overlay: our mesh for each topic we joined and the fanout peers of topics we publish to without
 * joining (gossipsub v1.0 "Router State"), with the GRAFT and PRUNE operations that change them and keep
 * scores and backoffs in step.
 */
final class Meshes {

    /** Whether a PRUNE we send offers other peers (peer exchange). */
    enum PeerExchange { OFFER, WITHHOLD }

    private final RouterContext ctx;
    private final Map<String, Set<PeerId>> meshes = new LinkedHashMap<>();
    private final Map<String, Set<PeerId>> fanouts = new LinkedHashMap<>();
    private final Map<String, Instant> lastPublished = new HashMap<>();

    Meshes(RouterContext ctx) {
        this.ctx = ctx;
    }

    boolean isJoined(String topic) {
        return meshes.containsKey(topic);
    }

    /** The topics we joined, as a copy. */
    List<String> joinedTopics() {
        return List.copyOf(meshes.keySet());
    }

    /** Our mesh peers of {@code topic}, as a read-only live view (empty unless joined). */
    Set<PeerId> mesh(String topic) {
        return Collections.unmodifiableSet(meshes.getOrDefault(topic, Set.of()));
    }

    /** The fanout peers of {@code topic}, as a read-only live view. */
    Set<PeerId> fanout(String topic) {
        return Collections.unmodifiableSet(fanouts.getOrDefault(topic, Set.of()));
    }

    List<String> fanoutTopics() {
        return List.copyOf(fanouts.keySet());
    }

    /**
     * Joins {@code topic} (gossipsub v1.0 "Topic Membership"): the fanout peers we published to become the
     * mesh, topped up to {@code D} with other subscribed peers, and each is sent a GRAFT.
     */
    void join(String topic) {
        if (isJoined(topic)) {
            return;
        }
        Set<PeerId> mesh = new LinkedHashSet<>();
        meshes.put(topic, mesh);
        Set<PeerId> fanout = fanouts.remove(topic);
        lastPublished.remove(topic);
        if (fanout != null) {
            fanout.stream().filter(graftable(topic)).limit(ctx.params.d()).forEach(mesh::add);
        }
        graftCandidates(topic, peer -> true).stream().limit(ctx.params.d() - mesh.size()).forEach(mesh::add);
        for (PeerId peer : mesh) {
            ctx.score.grafted(peer, topic);
            ctx.outbox.graft(peer, topic);
        }
    }

    /** Leaves {@code topic}: every mesh peer is pruned with the shorter unsubscribe backoff. */
    void leave(String topic) {
        for (PeerId peer : List.copyOf(mesh(topic))) {
            prune(peer, topic, PeerExchange.OFFER, ctx.params.unsubscribeBackoff());
        }
        meshes.remove(topic);
    }

    /** Adds {@code peer} to our mesh of {@code topic} and sends it a GRAFT. */
    void graft(PeerId peer, String topic) {
        if (meshes.get(topic).add(peer)) {
            ctx.score.grafted(peer, topic);
            ctx.outbox.graft(peer, topic);
        }
    }

    /** Accepts the GRAFT {@code peer} sent for {@code topic}. */
    void acceptGraft(PeerId peer, String topic) {
        if (meshes.get(topic).add(peer)) {
            ctx.score.grafted(peer, topic);
        }
    }

    /** Removes {@code peer} from our mesh of {@code topic} (if there) and sends it a PRUNE with a backoff. */
    void prune(PeerId peer, String topic, PeerExchange exchange, Duration backoff) {
        Set<PeerId> mesh = meshes.get(topic);
        if (mesh != null && mesh.remove(peer)) {
            ctx.score.pruned(peer, topic);
        }
        ctx.backoffs.add(topic, peer, ctx.now().plus(backoff));
        ctx.outbox.prune(peer, pruneMessage(peer, topic, exchange, backoff));
    }

    /** {@code peer} pruned us from {@code topic}: it leaves our mesh and neither side grafts until the backoff ends. */
    void prunedBy(PeerId peer, String topic, Duration backoff) {
        Set<PeerId> mesh = meshes.get(topic);
        if (mesh != null && mesh.remove(peer)) {
            ctx.score.pruned(peer, topic);
        }
        ctx.backoffs.add(topic, peer, ctx.now().plus(backoff));
    }

    /** {@code peer} unsubscribed from {@code topic}: it leaves our mesh and fanout without any message. */
    void unsubscribed(PeerId peer, String topic) {
        Set<PeerId> mesh = meshes.get(topic);
        if (mesh != null && mesh.remove(peer)) {
            ctx.score.pruned(peer, topic);
        }
        Set<PeerId> fanout = fanouts.get(topic);
        if (fanout != null) {
            fanout.remove(peer);
        }
    }

    /** {@code peer} disconnected: it leaves every mesh and fanout (its score is settled by the caller). */
    void disconnected(PeerId peer) {
        meshes.values().forEach(mesh -> mesh.remove(peer));
        fanouts.values().forEach(fanout -> fanout.remove(peer));
    }

    /**
     * The peers to send our own message of an unjoined topic to without flood publishing: the topic's fanout,
     * chosen when missing or emptied among peers above the publish threshold.
     */
    Set<PeerId> fanoutForPublish(String topic) {
        Set<PeerId> fanout = fanouts.get(topic);
        if (fanout == null || fanout.isEmpty()) {
            fanout = new LinkedHashSet<>(ctx.shuffled(ctx.topicPeers.peers(topic)).stream()
                    .filter(this::mayReceiveOwnMessages).limit(ctx.params.d()).toList());
            if (fanout.isEmpty()) {
                return Set.of();
            }
            fanouts.put(topic, fanout);
        }
        lastPublished.put(topic, ctx.now());
        return Collections.unmodifiableSet(fanout);
    }

    /**
     * Fanout maintenance (gossipsub v1.0 "Fanout Maintenance"): forgets topics not published to within the
     * fanout TTL, drops peers that left the topic or fell below the publish threshold, and tops up to {@code D}.
     */
    void maintainFanout() {
        Instant expired = ctx.now().minus(ctx.params.fanoutTtl());
        for (String topic : fanoutTopics()) {
            if (lastPublished.get(topic).isBefore(expired)) {
                fanouts.remove(topic);
                lastPublished.remove(topic);
                continue;
            }
            Set<PeerId> fanout = fanouts.get(topic);
            fanout.removeIf(peer -> !ctx.topicPeers.isSubscribed(peer, topic) || !mayReceiveOwnMessages(peer));
            ctx.shuffled(ctx.topicPeers.peers(topic)).stream()
                    .filter(peer -> !fanout.contains(peer) && mayReceiveOwnMessages(peer))
                    .limit(Math.max(0, ctx.params.d() - fanout.size()))
                    .forEach(fanout::add);
        }
    }

    /**
     * Subscribed peers we may graft into {@code topic}'s mesh, shuffled: not in it, not backed off, score not
     * negative, and matching {@code filter}.
     */
    List<PeerId> graftCandidates(String topic, Predicate<PeerId> filter) {
        Set<PeerId> mesh = mesh(topic);
        return ctx.shuffled(ctx.topicPeers.peers(topic)).stream()
                .filter(peer -> !mesh.contains(peer))
                .filter(graftable(topic))
                .filter(filter)
                .toList();
    }

    private Predicate<PeerId> graftable(String topic) {
        Instant now = ctx.now();
        return peer -> ctx.peers.containsKey(peer)
                && !ctx.backoffs.forbidsGraft(topic, peer, now)
                && ctx.score(peer) >= 0;
    }

    private boolean mayReceiveOwnMessages(PeerId peer) {
        return ctx.score(peer) >= ctx.thresholds.publishThreshold();
    }

    /**
     * The PRUNE for {@code peer}: v1.0 peers get the bare PRUNE; later ones the backoff and, when peer exchange
     * is on and the peer is not negatively scored, up to {@code prunePeers} other non-negative peers of the topic.
     */
    private ControlPrune pruneMessage(PeerId peer, String topic, PeerExchange exchange, Duration backoff) {
        ControlPrune.Builder prune = ControlPrune.newBuilder().setTopicID(topic);
        RemotePeer remote = ctx.peers.get(peer);
        if (remote == null || !remote.version().supportsBackoffAndPeerExchange()) {
            return prune.build();
        }
        prune.setBackoff(ceilSeconds(backoff));
        if (exchange == PeerExchange.OFFER && ctx.params.peerExchange() && ctx.score(peer) >= 0) {
            ctx.shuffled(ctx.topicPeers.peers(topic)).stream()
                    .filter(other -> !other.equals(peer) && ctx.score(other) >= 0)
                    .limit(ctx.params.prunePeers())
                    .map(other -> PeerInfo.newBuilder().setPeerID(ByteString.copyFrom(other.toBytes())))
                    .forEach(prune::addPeers);
        }
        return prune.build();
    }

    /** Whole seconds, rounded up so the peer never waits less than we do. */
    private static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
