package io.logos.delivery.kernel.peers;

import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.SequencedSet;
import java.util.Set;

/**
 * What the peer store knows of one peer.
 *
 * @param peer its id
 * @param addresses where it can be dialed (transport addresses, without {@code /p2p}), newest first
 * @param protocols what identify (or discovery) says it serves
 * @param origin how the node learned of it
 * @param clusterId its cluster, from metadata; empty until known
 * @param shards the relay shards it serves, from metadata; empty until known
 * @param history how connecting to it went
 */
public record PeerRecord(PeerId peer, List<Multiaddr> addresses, Set<String> protocols, PeerOrigin origin,
                         OptionalInt clusterId, Set<Integer> shards, ConnectionHistory history) {

    /** Bounds what a peer can make us store through repeated identify pushes. */
    static final int MAX_ADDRESSES = 10;

    public PeerRecord {
        Objects.requireNonNull(peer, "peer");
        addresses = List.copyOf(addresses);
        protocols = Set.copyOf(protocols);
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(clusterId, "clusterId");
        shards = Set.copyOf(shards);
        Objects.requireNonNull(history, "history");
    }

    /** A peer just learned of, with nothing known but its addresses. */
    static PeerRecord of(PeerId peer, Collection<Multiaddr> addresses, PeerOrigin origin) {
        return new PeerRecord(peer, List.of(), Set.of(), origin, OptionalInt.empty(), Set.of(), ConnectionHistory.NONE)
                .withAddresses(addresses);
    }

    /** Puts {@code learned} first, keeps the older addresses after them, up to {@value #MAX_ADDRESSES}. */
    PeerRecord withAddresses(Collection<Multiaddr> learned) {
        SequencedSet<Multiaddr> merged = new LinkedHashSet<>(learned);
        merged.addAll(addresses);
        return new PeerRecord(peer, merged.stream().limit(MAX_ADDRESSES).toList(), protocols, origin, clusterId,
                shards, history);
    }

    PeerRecord withProtocols(Collection<String> served) {
        return new PeerRecord(peer, addresses, Set.copyOf(served), origin, clusterId, shards, history);
    }

    /** Configuration outranks discovery: a peer once configured stays {@link PeerOrigin#STATIC}. */
    PeerRecord withOrigin(PeerOrigin learnedFrom) {
        return learnedFrom == PeerOrigin.STATIC
                ? new PeerRecord(peer, addresses, protocols, learnedFrom, clusterId, shards, history)
                : this;
    }

    PeerRecord withMetadata(int cluster, Collection<Integer> served) {
        return new PeerRecord(peer, addresses, protocols, origin, OptionalInt.of(cluster), Set.copyOf(served), history);
    }

    PeerRecord withHistory(ConnectionHistory updated) {
        return new PeerRecord(peer, addresses, protocols, origin, clusterId, shards, updated);
    }

    public boolean serves(String protocol) {
        return protocols.contains(protocol);
    }

    /** Whether metadata says it serves {@code shard} of {@code cluster}. */
    public boolean servesShard(int cluster, int shard) {
        return clusterId.isPresent() && clusterId.getAsInt() == cluster && shards.contains(shard);
    }
}
