package io.logos.delivery.libp2p.host;

/** Who opened a connection. */
public enum Direction {
    /** The remote peer dialed us. */
    INBOUND,
    /** We dialed the remote peer. */
    OUTBOUND
}
