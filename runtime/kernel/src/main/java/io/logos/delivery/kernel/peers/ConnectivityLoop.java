package io.logos.delivery.kernel.peers;

import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Direction;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of connectivity upkeep: redials static nodes that are out of backoff; and, when the node
 * relays (has shards), prunes inbound relay peers beyond the inbound target, oldest connection first,
 * and dials known relay peers of our cluster and shards until the outbound target is reached, as
 * nwaku's relay connectivity loop.
 */
final class ConnectivityLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectivityLoop.class);

    private final PeerManagerConfig config;
    private final Host host;
    private final PeerStore store;
    private final Dialer dialer;
    private final Clock clock;
    private final Supplier<Set<Integer>> localShards;
    private final Function<PeerId, List<Multiaddr>> addressesOf;
    private final Set<PeerId> protectedPeers;

    /**
     * @param localShards the relay shards the node serves; empty when it does not relay
     * @param addressesOf where to dial a peer (configured, then known addresses)
     * @param protectedPeers configured peers: never pruned, never counted toward relay targets
     */
    ConnectivityLoop(PeerManagerConfig config, Host host, PeerStore store, Dialer dialer, Clock clock,
                     Supplier<Set<Integer>> localShards, Function<PeerId, List<Multiaddr>> addressesOf,
                     Set<PeerId> protectedPeers) {
        this.config = config;
        this.host = host;
        this.store = store;
        this.dialer = dialer;
        this.clock = clock;
        this.localShards = localShards;
        this.addressesOf = addressesOf;
        this.protectedPeers = Set.copyOf(protectedPeers);
    }

    /** Runs one pass; completes when the dials and disconnections it started are over. */
    CompletableFuture<Void> run() {
        Instant now = clock.instant();
        List<CompletableFuture<?>> started = new ArrayList<>(redialStaticNodes(now));
        Set<Integer> shards = Set.copyOf(localShards.get());
        if (!shards.isEmpty()) {
            Map<PeerId, Set<Direction>> connected = connectedPeers();
            started.addAll(pruneInbound(connected));
            started.addAll(fillOutbound(connected, shards, now));
        }
        return CompletableFuture.allOf(started.stream()
                .map(future -> future.handle((ignored, failure) -> null))
                .toArray(CompletableFuture[]::new));
    }

    private List<CompletableFuture<?>> redialStaticNodes(Instant now) {
        List<CompletableFuture<?>> dials = new ArrayList<>();
        for (Multiaddr node : config.staticNodes()) {
            PeerId peer = node.peerId().orElseThrow();
            boolean mayDial = store.get(peer).map(record -> record.history().mayDialAt(now)).orElse(true);
            if (host.connections(peer).isEmpty() && mayDial) {
                dials.add(dialer.dial(peer, addressesOf.apply(peer)));
            }
        }
        return dials;
    }

    private Map<PeerId, Set<Direction>> connectedPeers() {
        return host.connections().stream().collect(Collectors.groupingBy(Connection::remotePeer,
                Collectors.mapping(Connection::direction, Collectors.toSet())));
    }

    private List<CompletableFuture<?>> pruneInbound(Map<PeerId, Set<Direction>> connected) {
        List<PeerRecord> inbound = connected.entrySet().stream()
                .filter(entry -> !entry.getValue().contains(Direction.OUTBOUND))
                .filter(entry -> !protectedPeers.contains(entry.getKey()))
                .flatMap(entry -> store.get(entry.getKey()).stream())
                .filter(record -> record.serves(PeerManagerConfig.RELAY_PROTOCOL))
                .sorted(Comparator.comparing(record -> record.history().lastConnected().orElse(Instant.MIN)))
                .toList();
        int excess = inbound.size() - config.inRelayTarget();
        if (excess <= 0) {
            return List.of();
        }
        LOG.debug("Pruning {} inbound relay peers beyond the target of {}", excess, config.inRelayTarget());
        return inbound.subList(0, excess).stream()
                .flatMap(record -> host.connections(record.peer()).stream())
                .<CompletableFuture<?>>map(Connection::close)
                .toList();
    }

    private List<CompletableFuture<?>> fillOutbound(Map<PeerId, Set<Direction>> connected, Set<Integer> shards,
                                                    Instant now) {
        long outbound = connected.entrySet().stream()
                .filter(entry -> entry.getValue().contains(Direction.OUTBOUND))
                .filter(entry -> !protectedPeers.contains(entry.getKey()))
                .filter(entry -> store.get(entry.getKey()).filter(this::mayRelay).isPresent())
                .count();
        long missing = config.outRelayTarget() - outbound;
        if (missing <= 0) {
            return List.of();
        }
        List<PeerRecord> candidates = new ArrayList<>(store.all().stream()
                .filter(record -> !connected.containsKey(record.peer()) && !dialer.isDialing(record.peer()))
                .filter(record -> !record.peer().equals(host.peerId()) && !protectedPeers.contains(record.peer()))
                .filter(record -> !record.addresses().isEmpty() && mayRelay(record) && servesAny(record, shards))
                .filter(record -> record.history().failedDials() < config.maxFailedDials())
                .filter(record -> record.history().mayDialAt(now))
                .toList());
        // Random among equals (as nwaku), peers known to serve our shards before peers of unknown shards.
        Collections.shuffle(candidates);
        candidates.sort(Comparator.comparing(record -> record.clusterId().isEmpty()));
        LOG.debug("Dialing {} of {} relay candidates toward the outbound target of {}",
                Math.min(missing, candidates.size()), candidates.size(), config.outRelayTarget());
        return candidates.stream().limit(missing)
                .<CompletableFuture<?>>map(record -> dialer.dial(record.peer(), record.addresses()))
                .toList();
    }

    /** Serves relay, or has not said what it serves yet (discovered, or identify still running). */
    private boolean mayRelay(PeerRecord record) {
        return record.protocols().isEmpty() || record.serves(PeerManagerConfig.RELAY_PROTOCOL);
    }

    /** Metadata says it serves one of {@code shards} of our cluster, or metadata is not known yet. */
    private boolean servesAny(PeerRecord record, Set<Integer> shards) {
        return record.clusterId().isEmpty()
                || shards.stream().anyMatch(shard -> record.servesShard(config.clusterId(), shard));
    }
}
