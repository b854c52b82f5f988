package io.logos.delivery.libp2p.pubsub;

/**
 * Where gossipsub v1.1 peer scores change how we treat a peer ("Score Thresholds"). Independently of these,
 * peers with a negative score are pruned from meshes, not grafted, and neither get nor give peer exchange.
 *
 * @param gossipThreshold             below it we neither send gossip to the peer nor act on its gossip
 *                                    (IHAVE, IWANT); negative
 * @param publishThreshold            below it our own messages are not flood-published to the peer; at most
 *                                    {@code gossipThreshold}
 * @param graylistThreshold           below it every RPC from the peer is ignored; below
 *                                    {@code publishThreshold}
 * @param acceptPXThreshold           peer exchange from a PRUNE is used only when the pruning peer's score
 *                                    exceeds it; not negative
 * @param opportunisticGraftThreshold when the median score of a mesh falls below it, better peers are
 *                                    grafted opportunistically; not negative
 */
public record PeerScoreThresholds(
        double gossipThreshold,
        double publishThreshold,
        double graylistThreshold,
        double acceptPXThreshold,
        double opportunisticGraftThreshold) {

    public PeerScoreThresholds {
        if (!(gossipThreshold <= 0 && publishThreshold <= gossipThreshold && graylistThreshold < publishThreshold)) {
            throw new IllegalArgumentException("need graylist < publish <= gossip <= 0, got " + graylistThreshold
                    + ", " + publishThreshold + ", " + gossipThreshold);
        }
        if (acceptPXThreshold < 0 || opportunisticGraftThreshold < 0) {
            throw new IllegalArgumentException("acceptPX and opportunistic graft thresholds must not be negative");
        }
    }

    /**
     * nim-libp2p's defaults (the spec names no values): gossip -100, publish -1000, graylist -10000, accept PX
     * and opportunistic graft 0.
     */
    public static PeerScoreThresholds defaults() {
        return new PeerScoreThresholds(-100, -1000, -10000, 0, 0);
    }

    /** nwaku's thresholds (relay.md §3); accept PX and opportunistic graft keep the library default 0. */
    public static PeerScoreThresholds nwaku() {
        return defaults();
    }
}
