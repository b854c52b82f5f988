package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.MessageId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic stabilisation (gossipsub v1.0 "Heartbeat", v1.1 "Heartbeat Maintenance"): penalises broken
 * IWANT promises, refills per-peer budgets, keeps every mesh between {@code D_low} and {@code D_high} with
 * enough outbound peers and no negative ones, grafts opportunistically, maintains fanout, emits gossip and
 * shifts the message cache.
 */
final class Heartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final RouterContext ctx;
    private final Meshes meshes;
    private final MessageCache cache;
    private final SeenMessages seen;
    private final GossipPromises promises;
    private final Set<PeerId> disconnectRequested = new LinkedHashSet<>();

    Heartbeat(RouterContext ctx, Meshes meshes, MessageCache cache, SeenMessages seen, GossipPromises promises) {
        this.ctx = ctx;
        this.meshes = meshes;
        this.cache = cache;
        this.seen = seen;
        this.promises = promises;
    }

    void run() {
        ctx.heartbeats++;
        promises.collectBroken(ctx.now()).forEach((peer, broken) -> ctx.score.penalize(peer, broken));
        ctx.peers.values().forEach(peer -> peer.startHeartbeat(ctx.heartbeats));
        ctx.backoffs.expire(ctx.now());
        for (String topic : meshes.joinedTopics()) {
            maintainMesh(topic);
            emitGossip(topic, meshes.mesh(topic));
        }
        meshes.maintainFanout();
        for (String topic : meshes.fanoutTopics()) {
            emitGossip(topic, meshes.fanout(topic));
        }
        disconnectGraylisted();
        seen.expire(ctx.now());
        ctx.outbox.flush();
        cache.shift();
    }

    /** A peer that disconnected may be asked to be disconnected again if it comes back graylisted. */
    void forget(PeerId peer) {
        disconnectRequested.remove(peer);
    }

    private void maintainMesh(String topic) {
        GossipParams p = ctx.params;
        Map<PeerId, Double> scores = new HashMap<>();
        for (PeerId peer : List.copyOf(meshes.mesh(topic))) {
            double score = ctx.score(peer);
            if (score < 0) {
                meshes.prune(peer, topic, Meshes.PeerExchange.WITHHOLD, p.pruneBackoff());
            } else {
                scores.put(peer, score);
            }
        }
        int size = meshes.mesh(topic).size();
        if (size < p.dLow()) {
            graft(topic, meshes.graftCandidates(topic, peer -> true), p.d() - size);
        }
        if (meshes.mesh(topic).size() > p.dHigh()) {
            Set<PeerId> survivors = survivors(List.copyOf(meshes.mesh(topic)), scores);
            for (PeerId peer : List.copyOf(meshes.mesh(topic))) {
                if (!survivors.contains(peer)) {
                    meshes.prune(peer, topic, Meshes.PeerExchange.OFFER, p.pruneBackoff());
                }
            }
        }
        if (meshes.mesh(topic).size() >= p.dLow()) {
            long outbound = meshes.mesh(topic).stream().filter(this::isOutbound).count();
            if (outbound < p.dOut()) {
                graft(topic, meshes.graftCandidates(topic, this::isOutbound), (int) (p.dOut() - outbound));
            }
        }
        if (ctx.heartbeats % p.opportunisticGraftTicks() == 0 && meshes.mesh(topic).size() > 1) {
            graftOpportunistically(topic);
        }
    }

    /**
     * Which mesh peers stay when pruning an oversubscribed mesh: the {@code D_score} best scoring, the rest of
     * {@code D} at random, then outbound peers swapped in for the last inbound ones until {@code D_out} are kept.
     */
    private Set<PeerId> survivors(List<PeerId> mesh, Map<PeerId, Double> scores) {
        GossipParams p = ctx.params;
        // shuffled first, so peers with equal scores are kept at random
        List<PeerId> byScore = new ArrayList<>(ctx.shuffled(mesh));
        byScore.sort(Comparator.comparingDouble((PeerId peer) -> scores.getOrDefault(peer, 0.0)).reversed());
        List<PeerId> keep = new ArrayList<>(byScore.subList(0, Math.min(Math.min(p.dScore(), p.d()), byScore.size())));
        List<PeerId> rest = ctx.shuffled(byScore.subList(keep.size(), byScore.size()));
        keep.addAll(rest.subList(0, Math.min(p.d() - keep.size(), rest.size())));
        long outbound = keep.stream().filter(this::isOutbound).count();
        if (outbound < p.dOut()) {
            List<PeerId> outboundLeft = byScore.stream().filter(peer -> !keep.contains(peer) && isOutbound(peer))
                    .limit(p.dOut() - outbound).toList();
            for (PeerId swapIn : outboundLeft) {
                for (int i = keep.size() - 1; i >= 0; i--) {
                    if (!isOutbound(keep.get(i))) {
                        keep.set(i, swapIn);
                        break;
                    }
                }
            }
        }
        return new LinkedHashSet<>(keep);
    }

    /**
     * Opportunistic grafting (gossipsub v1.1): when the median mesh score is below the threshold, graft a few
     * peers scoring above the median, to climb out of a mesh of poor peers.
     */
    private void graftOpportunistically(String topic) {
        List<Double> scores = meshes.mesh(topic).stream().map(ctx::score).sorted().toList();
        double median = scores.get(scores.size() / 2);
        if (median < ctx.thresholds.opportunisticGraftThreshold()) {
            List<PeerId> better = meshes.graftCandidates(topic, peer -> ctx.score(peer) > median);
            LOG.debug("opportunistically grafting {} peers on {} (median score {})",
                    Math.min(better.size(), ctx.params.opportunisticGraftPeers()), topic, median);
            graft(topic, better, ctx.params.opportunisticGraftPeers());
        }
    }

    private void graft(String topic, List<PeerId> candidates, int count) {
        candidates.stream().limit(Math.max(0, count)).forEach(peer -> meshes.graft(peer, topic));
    }

    /**
     * Gossip emission (gossipsub v1.1 "Adaptive Gossip Dissemination"): IHAVE with the recent ids of the topic
     * to a gossip-factor share, at least {@code D_lazy}, of the topic's peers outside {@code exclude} scoring
     * above the gossip threshold.
     */
    private void emitGossip(String topic, Set<PeerId> exclude) {
        List<MessageId> ids = cache.gossipIds(topic);
        if (ids.isEmpty()) {
            return;
        }
        Predicate<PeerId> eligible = peer -> !exclude.contains(peer)
                && ctx.score(peer) >= ctx.thresholds.gossipThreshold();
        List<PeerId> candidates = ctx.shuffled(ctx.topicPeers.peers(topic)).stream().filter(eligible).toList();
        int target = Math.max(ctx.params.dLazy(), (int) (ctx.params.gossipFactor() * candidates.size()));
        for (PeerId peer : candidates.subList(0, Math.min(target, candidates.size()))) {
            List<MessageId> advertised = ids.size() > ctx.params.maxIHaveLength()
                    ? ctx.shuffled(ids).subList(0, ctx.params.maxIHaveLength())
                    : ids;
            ctx.outbox.ihave(peer, topic, advertised);
        }
    }

    private void disconnectGraylisted() {
        if (!ctx.params.disconnectBadPeers()) {
            return;
        }
        for (PeerId peer : List.copyOf(ctx.peers.keySet())) {
            if (ctx.score(peer) < ctx.thresholds.graylistThreshold() && disconnectRequested.add(peer)) {
                LOG.debug("asking to disconnect {}: score below the graylist threshold", peer);
                ctx.output.disconnect(peer);
            }
        }
    }

    private boolean isOutbound(PeerId peer) {
        RemotePeer remote = ctx.peers.get(peer);
        return remote != null && remote.isOutbound();
    }
}
