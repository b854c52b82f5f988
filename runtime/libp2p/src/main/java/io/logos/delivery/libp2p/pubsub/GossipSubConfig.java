package io.logos.delivery.libp2p.pubsub;

import java.util.List;
import java.util.Objects;

/**
 * Everything a gossipsub instance is configured with.
 *
 * @param protocolIds       the stream protocols we speak, most preferred first; {@code /meshsub/1.0.0} peers
 *                          get no backoff or peer exchange, {@code /meshsub/1.1.0} peers no IDONTWANT, and any
 *                          other id ({@code /meshsub/1.2.0}, Waku relay's) gets every feature
 * @param gossip            router parameters
 * @param score             peer scoring parameters
 * @param thresholds        peer score thresholds
 * @param messageIdFunction the message id every peer of our topics uses
 */
public record GossipSubConfig(
        List<String> protocolIds,
        GossipParams gossip,
        PeerScoreParams score,
        PeerScoreThresholds thresholds,
        MessageIdFunction messageIdFunction) {

    public static final String MESHSUB_1_0 = "/meshsub/1.0.0";
    public static final String MESHSUB_1_1 = "/meshsub/1.1.0";
    public static final String MESHSUB_1_2 = "/meshsub/1.2.0";
    /** The only gossipsub protocol id Waku relay mounts (nwaku, js-waku). */
    public static final String WAKU_RELAY = "/vac/waku/relay/2.0.0";

    public GossipSubConfig {
        protocolIds = List.copyOf(protocolIds);
        if (protocolIds.isEmpty()) {
            throw new IllegalArgumentException("at least one protocol id is needed");
        }
        Objects.requireNonNull(gossip, "gossip");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(messageIdFunction, "messageIdFunction");
    }

    /** Plain gossipsub v1.2 down to v1.0 with the spec defaults and SHA-256 message ids. */
    public static GossipSubConfig defaults() {
        return new GossipSubConfig(List.of(MESHSUB_1_2, MESHSUB_1_1, MESHSUB_1_0), GossipParams.defaults(),
                PeerScoreParams.defaults(), PeerScoreThresholds.defaults(), MessageIdFunction.sha256OfData());
    }

    /** Waku relay as nwaku runs it: {@value #WAKU_RELAY} only, nwaku's parameters, SHA-256 message ids. */
    public static GossipSubConfig wakuRelay() {
        return new GossipSubConfig(List.of(WAKU_RELAY), GossipParams.nwaku(), PeerScoreParams.nwaku(),
                PeerScoreThresholds.nwaku(), MessageIdFunction.sha256OfData());
    }

    public GossipSubConfig withGossip(GossipParams value) {
        return new GossipSubConfig(protocolIds, value, score, thresholds, messageIdFunction);
    }

    public GossipSubConfig withScore(PeerScoreParams value) {
        return new GossipSubConfig(protocolIds, gossip, value, thresholds, messageIdFunction);
    }

    public GossipSubConfig withThresholds(PeerScoreThresholds value) {
        return new GossipSubConfig(protocolIds, gossip, score, value, messageIdFunction);
    }
}
