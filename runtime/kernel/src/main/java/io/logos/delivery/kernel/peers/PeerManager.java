package io.logos.delivery.kernel.peers;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.api.kernel.node.Peers;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.ConnectionListener;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiaddr.Protocol;
import io.logos.delivery.libp2p.peer.PeerId;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's peer manager: keeps the {@link PeerStore} up to date from the host's connections and
 * identify, keeps static nodes connected and relay peers between their targets (a connectivity loop
 * on the given scheduler), closes inbound connections beyond the IP colocation limit, dials with a
 * parallel cap and exponential backoff, and picks service peers for light clients. Thread-safe.
 *
 * <p>Lifecycle: construct (opens the peer store, listens to the host), {@link #start()} (runs the
 * loop now and every {@link PeerManagerConfig#connectivityInterval()}), {@link #close()}. The host
 * and the scheduler belong to the caller.
 */
public final class PeerManager implements Peers, ServicePeers, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerManager.class);
    /** Service peers tried by one {@link #connectedPeerFor} call before it gives up. */
    private static final int SERVICE_DIAL_ATTEMPTS = 3;

    private final PeerManagerConfig config;
    private final Host host;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final PeerStore store;
    private final Dialer dialer;
    private final Map<PeerId, List<Multiaddr>> configuredAddresses;
    private final ServicePeerSelector selector;
    private final ConnectivityLoop loop;
    private volatile Supplier<Set<Integer>> localShards = Set::of;
    private ScheduledFuture<?> scheduledLoop;

    /**
     * Opens the peer store ({@link PeerManagerConfig#peerStorePath()}; blocks on file I/O) and starts
     * following the host's connections. Register it before the host connects to anyone.
     *
     * @throws PeerStoreException when the peer store file cannot be used
     */
    public PeerManager(PeerManagerConfig config, Host host, Clock clock, ScheduledExecutorService scheduler) {
        this.config = config;
        this.host = host;
        this.clock = clock;
        this.scheduler = scheduler;
        this.store = PeerStore.of(config.peerStorePath());
        this.dialer = new Dialer(host, store, config.backoff(), config.maxParallelDials(), clock);
        this.configuredAddresses = configuredAddresses(config);
        Map<String, PeerId> servicePeers = new HashMap<>();
        config.serviceNodes().forEach((protocol, address) ->
                servicePeers.put(protocol, address.peerId().orElseThrow()));
        this.selector = new ServicePeerSelector(servicePeers, host, store, clock, config.backoff().initial());
        this.loop = new ConnectivityLoop(config, host, store, dialer, clock, () -> localShards.get(),
                this::addressesOf, configuredAddresses.keySet());
        configuredAddresses.forEach((peer, addresses) -> store.add(peer, addresses, PeerOrigin.STATIC));
        if (config.colocationLimit() > 0) {
            host.addConnectionListener(new ColocationGuard(host, config.colocationLimit()));
        }
        host.addConnectionListener(new ConnectionRecorder());
        host.addIdentifyListener(identity ->
                store.recordIdentify(identity.peer(), identity.protocols(), identity.listenAddresses()));
    }

    private static Map<PeerId, List<Multiaddr>> configuredAddresses(PeerManagerConfig config) {
        Map<PeerId, List<Multiaddr>> addresses = new HashMap<>();
        List<Multiaddr> configured = new ArrayList<>(config.staticNodes());
        configured.addAll(config.serviceNodes().values());
        for (Multiaddr address : configured) {
            address.decapsulate(Protocol.P2P).ifPresent(transport -> addresses
                    .computeIfAbsent(address.peerId().orElseThrow(), peer -> new ArrayList<>()).add(transport));
        }
        return addresses;
    }

    /** Records connections as they open and close. */
    private final class ConnectionRecorder implements ConnectionListener {

        @Override
        public void connected(Connection connection) {
            store.recordConnected(connection.remotePeer(), connection.direction(), clock.instant());
        }

        @Override
        public void disconnected(Connection connection) {
            if (host.connections(connection.remotePeer()).isEmpty()) {
                store.recordDisconnected(connection.remotePeer(), clock.instant());
            }
        }
    }

    /**
     * Tells the manager which relay shards the node serves (e.g. the relay's subscriptions). Relay
     * peers are only managed while this is non-empty: a node that does not relay seeks no relay peers.
     */
    public void useLocalShards(Supplier<Set<Integer>> shards) {
        localShards = shards;
    }

    /** Runs the connectivity loop now, then every {@link PeerManagerConfig#connectivityInterval()}. */
    public synchronized void start() {
        if (scheduledLoop != null) {
            throw new IllegalStateException("the peer manager is already started");
        }
        long interval = config.connectivityInterval().toMillis();
        scheduledLoop = scheduler.scheduleWithFixedDelay(this::runScheduledLoop, 0, interval, TimeUnit.MILLISECONDS);
    }

    private void runScheduledLoop() {
        try {
            runConnectivityLoop();
        } catch (RuntimeException e) {
            // A failed pass must not cancel the schedule.
            LOG.warn("Connectivity loop failed: {}", e.toString(), e);
        }
    }

    /**
     * One pass of the connectivity loop (see {@link ConnectivityLoop}); the scheduler calls it, tests
     * may too. Completes when the dials and disconnections it started are over.
     */
    public CompletableFuture<Void> runConnectivityLoop() {
        configuredAddresses.forEach((peer, addresses) -> {
            if (store.get(peer).isEmpty()) {
                store.add(peer, addresses, PeerOrigin.STATIC);
            }
        });
        return loop.run();
    }

    /** The peer store, for the metadata protocol ({@link PeerStore#recordMetadata}) and discovery. */
    public PeerStore peerStore() {
        return store;
    }

    /** Dials in progress now; never more than {@link PeerManagerConfig#maxParallelDials()}. */
    public int dialsInFlight() {
        return dialer.inFlight();
    }

    /** Dials waiting for a free slot. */
    public int dialsQueued() {
        return dialer.queued();
    }

    @Override
    public CompletableFuture<io.logos.delivery.api.kernel.node.PeerId> connect(String multiaddr) {
        Multiaddr address;
        PeerId peer;
        try {
            address = Multiaddr.parse(multiaddr);
            peer = address.peerId().orElseThrow(() ->
                    new IllegalArgumentException("multiaddr '" + multiaddr + "' lacks /p2p/<peer id>"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (peer.equals(host.peerId())) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(multiaddr + " is this node"));
        }
        PeerRecord record = store.add(peer, List.of(address), PeerOrigin.CONNECTION);
        // The address asked for first, then what else we know.
        return dialer.dial(peer, record.addresses()).thenApply(PeerIds::toApi);
    }

    @Override
    public List<PeerInfo> all() {
        return store.all().stream().map(this::toInfo).toList();
    }

    @Override
    public List<PeerInfo> connected() {
        return host.connections().stream().map(Connection::remotePeer).distinct()
                .flatMap(peer -> store.get(peer).stream()).map(this::toInfo).toList();
    }

    private PeerInfo toInfo(PeerRecord record) {
        return new PeerInfo(PeerIds.toApi(record.peer()), record.addresses().stream().map(Multiaddr::toString).toList(),
                record.protocols(), record.clusterId(), record.shards(), record.origin(),
                !host.connections(record.peer()).isEmpty());
    }

    @Override
    public CompletableFuture<PeerId> connectedPeerFor(String protocol, Optional<PubsubTopic> shard) {
        List<PeerId> ranked = selector.rank(protocol, shard.flatMap(PubsubTopic::shard));
        if (ranked.isEmpty()) {
            return CompletableFuture.failedFuture(new NoSuchElementException("no known peer serves " + protocol
                    + shard.map(topic -> " on " + topic).orElse("")));
        }
        return connectFirst(ranked.subList(0, Math.min(SERVICE_DIAL_ATTEMPTS, ranked.size())), 0, null);
    }

    private CompletableFuture<PeerId> connectFirst(List<PeerId> candidates, int index, Throwable lastFailure) {
        if (index == candidates.size()) {
            return CompletableFuture.failedFuture(new IOException("no service peer reachable; tried " + candidates
                    + ", last: " + lastFailure.getMessage(), lastFailure));
        }
        PeerId peer = candidates.get(index);
        return dialer.dial(peer, addressesOf(peer)).handle((connected, failure) -> failure == null
                        ? CompletableFuture.completedFuture(connected)
                        : connectFirst(candidates, index + 1, failure))
                .thenCompose(next -> next);
    }

    @Override
    public void reportFailure(PeerId peer, String protocol) {
        selector.reportFailure(peer, protocol);
    }

    /**
     * Closes every connection to {@code peer} and removes it from the peer store (and its file); for
     * the metadata protocol, when the peer is of another cluster or does not answer.
     */
    public CompletableFuture<Void> disconnectAndForget(PeerId peer, String reason) {
        LOG.debug("Disconnecting and forgetting {}: {}", peer, reason);
        store.forget(peer);
        return CompletableFuture.allOf(host.connections(peer).stream().map(Connection::close)
                .toArray(CompletableFuture[]::new));
    }

    /** Where to dial {@code peer}: its configured addresses, then the known ones. */
    private List<Multiaddr> addressesOf(PeerId peer) {
        SequencedSet<Multiaddr> addresses = new LinkedHashSet<>(configuredAddresses.getOrDefault(peer, List.of()));
        store.get(peer).ifPresent(record -> addresses.addAll(record.addresses()));
        return List.copyOf(addresses);
    }

    /** Stops the connectivity loop and closes the peer store (writing what is pending). */
    @Override
    public void close() {
        synchronized (this) {
            if (scheduledLoop != null) {
                scheduledLoop.cancel(false);
            }
        }
        store.close();
    }
}
