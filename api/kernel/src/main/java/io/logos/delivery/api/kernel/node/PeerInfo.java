package io.logos.delivery.api.kernel.node;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the peer store knows of a peer: its addresses, the protocols identify reported, its cluster and
 * shards from metadata, and whether it is connected now.
 */
public record PeerInfo(PeerId peerId, List<String> addresses, Set<String> protocols, OptionalInt clusterId,
                       Set<Integer> shards, PeerOrigin origin, boolean connected) {

    public PeerInfo {
        Objects.requireNonNull(peerId, "peerId");
        addresses = List.copyOf(addresses);
        protocols = Set.copyOf(protocols);
        Objects.requireNonNull(clusterId, "clusterId");
        shards = Set.copyOf(shards);
        Objects.requireNonNull(origin, "origin");
    }
}
