package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.PeerScoreThresholds;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The state the parts of the router share: configuration, time, randomness, the connected peers and their
 * subscriptions, scores, backoffs and the outbox. Used on the router's thread only.
 */
final class RouterContext {

    final PeerId localPeer;
    final GossipParams params;
    final PeerScoreThresholds thresholds;
    final InstantSource clock;
    final RandomGenerator random;
    final Map<PeerId, RemotePeer> peers = new LinkedHashMap<>();
    final TopicPeers topicPeers = new TopicPeers();
    final PeerScore score;
    final Backoffs backoffs;
    final Outbox outbox;
    final RouterOutput output;
    /** Heartbeats run so far. */
    long heartbeats;

    RouterContext(PeerId localPeer, GossipParams params, PeerScoreThresholds thresholds, PeerScore score,
                  InstantSource clock, RandomGenerator random, RouterOutput output) {
        this.localPeer = localPeer;
        this.params = params;
        this.thresholds = thresholds;
        this.clock = clock;
        this.random = random;
        this.score = score;
        this.backoffs = new Backoffs(params.backoffSlack());
        this.outbox = new Outbox(output, params.maxMessageSize());
        this.output = output;
    }

    Instant now() {
        return clock.instant();
    }

    double score(PeerId peer) {
        return score.score(peer);
    }

    /** A shuffled copy of {@code items}. */
    <T> List<T> shuffled(Collection<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }
}
