package io.logos.delivery.kernel.peers;

import io.logos.delivery.api.kernel.RelayShard;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ranks the peers that could serve a light-client protocol. Best first: peers without a recent
 * reported failure, then the configured service peer for the protocol (the operator's choice, as
 * nwaku's service slots), then peers whose metadata says they serve the wanted shard, then connected
 * peers; ties are broken at random, as nwaku's selection shuffles. Peers known to serve other shards
 * only, and unconnected peers still in dial backoff, are left out (the configured peer never is).
 */
final class ServicePeerSelector {

    private final Map<String, PeerId> configured;
    private final Host host;
    private final PeerStore store;
    private final Clock clock;
    private final Duration demotion;
    private final Map<Failure, Instant> demotedUntil = new ConcurrentHashMap<>();

    private record Failure(PeerId peer, String protocol) {
    }

    /**
     * @param configured the configured service peer per protocol id
     * @param demotion how long a peer reported as failing a protocol ranks last for it
     */
    ServicePeerSelector(Map<String, PeerId> configured, Host host, PeerStore store, Clock clock,
                        Duration demotion) {
        this.configured = Map.copyOf(configured);
        this.host = host;
        this.store = store;
        this.clock = clock;
        this.demotion = demotion;
    }

    void reportFailure(PeerId peer, String protocol) {
        Instant now = clock.instant();
        demotedUntil.values().removeIf(until -> !now.isBefore(until));
        demotedUntil.put(new Failure(peer, protocol), now.plus(demotion));
    }

    /** The candidates for {@code protocol} (and {@code shard}, when given), best first. */
    List<PeerId> rank(String protocol, Optional<RelayShard> shard) {
        Instant now = clock.instant();
        Optional<PeerId> slot = Optional.ofNullable(configured.get(protocol));
        SequencedSet<PeerId> candidates = new LinkedHashSet<>();
        slot.ifPresent(candidates::add);
        store.all().stream()
                .filter(record -> record.serves(protocol))
                .filter(record -> !record.peer().equals(host.peerId()))
                .filter(record -> isConnected(record.peer()) || record.history().mayDialAt(now))
                .filter(record -> shard.isEmpty() || record.clusterId().isEmpty()
                        || record.servesShard(shard.get().clusterId(), shard.get().shardId()))
                .forEach(record -> candidates.add(record.peer()));
        List<PeerId> ranked = new ArrayList<>(candidates);
        Collections.shuffle(ranked);
        ranked.sort(Comparator.comparing((PeerId peer) -> isDemoted(peer, protocol, now))
                .thenComparing(peer -> slot.filter(peer::equals).isEmpty())
                .thenComparing(peer -> !servesShard(peer, shard))
                .thenComparing(peer -> !isConnected(peer)));
        return ranked;
    }

    private boolean isDemoted(PeerId peer, String protocol, Instant now) {
        Instant until = demotedUntil.get(new Failure(peer, protocol));
        return until != null && now.isBefore(until);
    }

    private boolean servesShard(PeerId peer, Optional<RelayShard> shard) {
        return shard.isPresent() && store.get(peer)
                .filter(record -> record.servesShard(shard.get().clusterId(), shard.get().shardId()))
                .isPresent();
    }

    private boolean isConnected(PeerId peer) {
        return !host.connections(peer).isEmpty();
    }
}
