package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.pubsub.GossipSubConfig;

/** What a peer's gossipsub protocol id tells about the control messages it understands. */
enum GossipVersion {
    /** {@code /meshsub/1.0.0}: PRUNE carries neither backoff nor peer exchange. */
    V1_0(false, false),
    /** {@code /meshsub/1.1.0}: backoff and peer exchange in PRUNE. */
    V1_1(true, false),
    /**
     * {@code /meshsub/1.2.0} and every other id: IDONTWANT too. nim-libp2p treats any id other than the two
     * older meshsub ones this way, and nwaku sends IDONTWANT on {@code /vac/waku/relay/2.0.0} (relay.md §1).
     */
    V1_2(true, true);

    private final boolean backoffAndPeerExchange;
    private final boolean idontwant;

    GossipVersion(boolean backoffAndPeerExchange, boolean idontwant) {
        this.backoffAndPeerExchange = backoffAndPeerExchange;
        this.idontwant = idontwant;
    }

    static GossipVersion of(String protocolId) {
        return switch (protocolId) {
            case GossipSubConfig.MESHSUB_1_0 -> V1_0;
            case GossipSubConfig.MESHSUB_1_1 -> V1_1;
            default -> V1_2;
        };
    }

    boolean supportsBackoffAndPeerExchange() {
        return backoffAndPeerExchange;
    }

    boolean supportsIDontWant() {
        return idontwant;
    }
}
