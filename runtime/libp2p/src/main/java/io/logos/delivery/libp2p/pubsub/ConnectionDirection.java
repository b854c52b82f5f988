package io.logos.delivery.libp2p.pubsub;

/**
 * Who opened the connection to a peer. Gossipsub v1.1 keeps some outbound connections in every mesh
 * ({@code D_out}) so peers that connected to us cannot take a mesh over.
 */
public enum ConnectionDirection {
    /** The peer dialed us. */
    INBOUND,
    /** We dialed the peer. */
    OUTBOUND
}
