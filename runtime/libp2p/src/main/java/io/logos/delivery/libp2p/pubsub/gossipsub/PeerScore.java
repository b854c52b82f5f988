package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.PeerScoreParams;
import io.logos.delivery.libp2p.pubsub.TopicScoreParams;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Gossipsub v1.1 peer scores ("The Score Function"): the counters behind P₁ to P₄ per topic, P₆ from the
 * peers sharing an IP, P₇ from behaviour penalties, and P₅ from the application. Counters decay when
 * {@link #decay()} is called, once per decay interval. A disconnected peer's non-positive score is kept
 * for the retain time without decaying, so reconnecting does not wash a penalty away.
 */
final class PeerScore {

    /** One peer's counters in one scored topic. */
    private static final class TopicStats {
        boolean inMesh;
        Instant graftTime;
        double firstMessageDeliveries;
        double meshMessageDeliveries;
        double meshFailurePenalty;
        double invalidMessageDeliveries;
    }

    /** One peer's counters, kept while connected and for the retain time after. */
    private static final class PeerStats {
        final Map<String, TopicStats> topics = new HashMap<>();
        boolean connected;
        Instant retainedUntil;
        Optional<InetAddress> address = Optional.empty();
        double behaviourPenalty;
    }

    private final PeerScoreParams params;
    private final InstantSource clock;
    private final Map<PeerId, PeerStats> stats = new HashMap<>();
    private final Map<InetAddress, Set<PeerId>> peersByAddress = new HashMap<>();

    PeerScore(PeerScoreParams params, InstantSource clock) {
        this.params = params;
        this.clock = clock;
    }

    /** The peer connected; a score retained from an earlier connection applies again. */
    void connected(PeerId peer, Optional<InetAddress> address) {
        PeerStats peerStats = stats.computeIfAbsent(peer, p -> new PeerStats());
        peerStats.connected = true;
        peerStats.retainedUntil = null;
        peerStats.address = address;
        address.ifPresent(ip -> peersByAddress.computeIfAbsent(ip, a -> new LinkedHashSet<>()).add(peer));
    }

    /**
     * The peer disconnected. A positive score is forgotten; a non-positive one is retained without its first
     * deliveries, and leaving its meshes counts as mesh failures (P₃b).
     */
    void disconnected(PeerId peer) {
        PeerStats peerStats = stats.get(peer);
        if (peerStats == null || !peerStats.connected) {
            return;
        }
        boolean positive = score(peer) > 0;
        peerStats.address.ifPresent(ip -> {
            Set<PeerId> peers = peersByAddress.get(ip);
            peers.remove(peer);
            if (peers.isEmpty()) {
                peersByAddress.remove(ip);
            }
        });
        if (positive) {
            stats.remove(peer);
            return;
        }
        peerStats.topics.forEach((topic, topicStats) -> {
            topicStats.firstMessageDeliveries = 0;
            leaveMesh(topic, topicStats);
        });
        peerStats.connected = false;
        peerStats.retainedUntil = clock.instant().plus(params.retainScore());
    }

    /** The peer joined our mesh of {@code topic}. */
    void grafted(PeerId peer, String topic) {
        withTopicStats(peer, topic, (topicParams, topicStats) -> {
            topicStats.inMesh = true;
            topicStats.graftTime = clock.instant();
        });
    }

    /** The peer left our mesh of {@code topic}; a delivery deficit becomes a sticky P₃b penalty. */
    void pruned(PeerId peer, String topic) {
        withTopicStats(peer, topic, (topicParams, topicStats) -> leaveMesh(topic, topicStats));
    }

    /** The peer was the first to deliver a valid message of {@code topic} (P₂, and P₃ for mesh peers). */
    void firstDelivery(PeerId peer, String topic) {
        withTopicStats(peer, topic, (topicParams, topicStats) -> {
            topicStats.firstMessageDeliveries = Math.min(topicStats.firstMessageDeliveries + 1,
                    topicParams.firstMessageDeliveriesCap());
            countMeshDelivery(topicParams, topicStats);
        });
    }

    /**
     * The peer delivered a copy of a valid message that was validated at {@code validatedAt}: a mesh peer earns
     * P₃ credit when the copy came within the topic's delivery window (it was near-first, not a replay).
     */
    void duplicateDelivery(PeerId peer, String topic, Instant validatedAt) {
        withTopicStats(peer, topic, (topicParams, topicStats) -> {
            Duration late = Duration.between(validatedAt, clock.instant());
            if (late.compareTo(topicParams.meshMessageDeliveryWindow()) <= 0) {
                countMeshDelivery(topicParams, topicStats);
            }
        });
    }

    /** The peer delivered a message that failed validation (P₄). */
    void invalidDelivery(PeerId peer, String topic) {
        withTopicStats(peer, topic, (topicParams, topicStats) -> topicStats.invalidMessageDeliveries += 1);
    }

    /** Adds {@code count} to the peer's behaviour penalty counter (P₇). */
    void penalize(PeerId peer, double count) {
        PeerStats peerStats = stats.get(peer);
        if (peerStats != null) {
            peerStats.behaviourPenalty += count;
        }
    }

    /** The peer's current score; 0 for a peer we know nothing about. */
    double score(PeerId peer) {
        PeerStats peerStats = stats.get(peer);
        if (peerStats == null) {
            return 0;
        }
        Instant now = clock.instant();
        double topicsScore = 0;
        for (Map.Entry<String, TopicStats> entry : peerStats.topics.entrySet()) {
            Optional<TopicScoreParams> topicParams = params.topicParams(entry.getKey());
            if (topicParams.isPresent()) {
                topicsScore += topicScore(topicParams.get(), entry.getValue(), now) * topicParams.get().topicWeight();
            }
        }
        if (params.topicScoreCap() > 0) {
            topicsScore = Math.min(topicsScore, params.topicScoreCap());
        }
        double score = topicsScore;
        score += params.appSpecificScore().applyAsDouble(peer) * params.appSpecificWeight();
        score += ipColocationPenalty(peerStats) * params.ipColocationFactorWeight();
        double excessPenalty = peerStats.behaviourPenalty - params.behaviourPenaltyThreshold();
        if (excessPenalty > 0) {
            score += excessPenalty * excessPenalty * params.behaviourPenaltyWeight();
        }
        return score;
    }

    /** Decays every connected peer's counters and forgets retained scores whose time is up. */
    void decay() {
        Instant now = clock.instant();
        Iterator<PeerStats> all = stats.values().iterator();
        while (all.hasNext()) {
            PeerStats peerStats = all.next();
            if (!peerStats.connected) {
                if (!now.isBefore(peerStats.retainedUntil)) {
                    all.remove();
                }
                continue;
            }
            peerStats.topics.forEach((topic, topicStats) -> params.topicParams(topic).ifPresent(topicParams -> {
                topicStats.firstMessageDeliveries =
                        decayed(topicStats.firstMessageDeliveries, topicParams.firstMessageDeliveriesDecay());
                topicStats.meshMessageDeliveries =
                        decayed(topicStats.meshMessageDeliveries, topicParams.meshMessageDeliveriesDecay());
                topicStats.meshFailurePenalty =
                        decayed(topicStats.meshFailurePenalty, topicParams.meshFailurePenaltyDecay());
                topicStats.invalidMessageDeliveries =
                        decayed(topicStats.invalidMessageDeliveries, topicParams.invalidMessageDeliveriesDecay());
            }));
            peerStats.behaviourPenalty = decayed(peerStats.behaviourPenalty, params.behaviourPenaltyDecay());
        }
    }

    private double decayed(double value, double factor) {
        double result = value * factor;
        return result < params.decayToZero() ? 0 : result;
    }

    private static double topicScore(TopicScoreParams p, TopicStats s, Instant now) {
        double score = 0;
        if (s.inMesh) {
            long quanta = Duration.between(s.graftTime, now).dividedBy(p.timeInMeshQuantum());
            score += Math.min(quanta, p.timeInMeshCap()) * p.timeInMeshWeight();
        }
        score += s.firstMessageDeliveries * p.firstMessageDeliveriesWeight();
        double deficit = meshDeliveryDeficit(p, s, now);
        score += deficit * deficit * p.meshMessageDeliveriesWeight();
        score += s.meshFailurePenalty * p.meshFailurePenaltyWeight();
        score += s.invalidMessageDeliveries * s.invalidMessageDeliveries * p.invalidMessageDeliveriesWeight();
        return score;
    }

    /** How far a mesh peer's deliveries are below the P₃ threshold, once P₃ is active; otherwise 0. */
    private static double meshDeliveryDeficit(TopicScoreParams p, TopicStats s, Instant now) {
        boolean active = s.inMesh
                && Duration.between(s.graftTime, now).compareTo(p.meshMessageDeliveriesActivation()) > 0;
        return active ? Math.max(0, p.meshMessageDeliveriesThreshold() - s.meshMessageDeliveries) : 0;
    }

    private double ipColocationPenalty(PeerStats peerStats) {
        if (peerStats.address.isEmpty() || !peerStats.connected) {
            return 0;
        }
        int surplus = peersByAddress.get(peerStats.address.get()).size() - params.ipColocationFactorThreshold();
        return surplus > 0 ? (double) surplus * surplus : 0;
    }

    private void leaveMesh(String topic, TopicStats topicStats) {
        params.topicParams(topic).ifPresent(topicParams -> {
            double deficit = meshDeliveryDeficit(topicParams, topicStats, clock.instant());
            topicStats.meshFailurePenalty += deficit * deficit;
        });
        topicStats.inMesh = false;
    }

    private void countMeshDelivery(TopicScoreParams topicParams, TopicStats topicStats) {
        if (topicStats.inMesh) {
            topicStats.meshMessageDeliveries = Math.min(topicStats.meshMessageDeliveries + 1,
                    topicParams.meshMessageDeliveriesCap());
        }
    }

    /** Runs {@code update} on the peer's counters of {@code topic}, when the peer is known and the topic scored. */
    private void withTopicStats(PeerId peer, String topic,
                                BiConsumer<TopicScoreParams, TopicStats> update) {
        PeerStats peerStats = stats.get(peer);
        Optional<TopicScoreParams> topicParams = params.topicParams(topic);
        if (peerStats != null && peerStats.connected && topicParams.isPresent()) {
            update.accept(topicParams.get(), peerStats.topics.computeIfAbsent(topic, t -> new TopicStats()));
        }
    }
}
