package io.logos.delivery.kernel.metadata;

import io.logos.delivery.libp2p.peer.PeerId;

/** Learns the outcome of the metadata exchange with each newly connected peer. */
public interface MetadataListener {

    /** The peer is in our cluster and serves {@code metadata.shards()}. */
    void accepted(PeerId peer, PeerMetadata metadata);

    /** The peer is of another cluster, did not say, or does not speak metadata; it was disconnected. */
    void refused(PeerId peer, String reason);
}
