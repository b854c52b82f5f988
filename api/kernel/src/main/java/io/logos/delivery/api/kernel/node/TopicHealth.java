package io.logos.delivery.api.kernel.node;

/** How well a subscribed relay shard is connected, from its gossipsub mesh size (nwaku's rule). */
public enum TopicHealth {
    /** No mesh peer. */
    UNHEALTHY,
    /** At least one mesh peer, fewer than D_low (4). */
    MINIMALLY_HEALTHY,
    /** At least D_low (4) mesh peers. */
    SUFFICIENTLY_HEALTHY;

    /** The health of a mesh with {@code meshPeers} peers, for gossipsub's D_low of {@code dLow}. */
    public static TopicHealth of(int meshPeers, int dLow) {
        if (meshPeers <= 0) {
            return UNHEALTHY;
        }
        return meshPeers < dLow ? MINIMALLY_HEALTHY : SUFFICIENTLY_HEALTHY;
    }
}
