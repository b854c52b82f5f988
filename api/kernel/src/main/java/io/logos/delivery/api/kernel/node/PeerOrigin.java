package io.logos.delivery.api.kernel.node;

/** How the node learned of a peer. */
public enum PeerOrigin {
    /** Configured: static node or service node. */
    STATIC,
    /** It connected to us, or we dialed it on request. */
    CONNECTION,
    DISCV5,
    DNS_DISCOVERY,
    PEER_EXCHANGE,
    RENDEZVOUS,
    KADEMLIA
}
