package io.logos.delivery.kernel.node;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.RelayShard;
import io.logos.delivery.api.kernel.node.FilterClient;
import io.logos.delivery.api.kernel.node.KernelEvent;
import io.logos.delivery.api.kernel.node.KernelEventListener;
import io.logos.delivery.api.kernel.node.LightpushClient;
import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.Peers;
import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.kernel.node.Relay;
import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.kernel.archive.ArchiveWriter;
import io.logos.delivery.kernel.enr.Enr;
import io.logos.delivery.kernel.enr.RelayShards;
import io.logos.delivery.kernel.enr.WakuCapability;
import io.logos.delivery.kernel.filter.DefaultFilterClient;
import io.logos.delivery.kernel.filter.FilterClientConfig;
import io.logos.delivery.kernel.filter.FilterServer;
import io.logos.delivery.kernel.lightpush.DefaultLightpushClient;
import io.logos.delivery.kernel.lightpush.LightpushServer;
import io.logos.delivery.kernel.metadata.MetadataListener;
import io.logos.delivery.kernel.metadata.MetadataProtocol;
import io.logos.delivery.kernel.metadata.PeerMetadata;
import io.logos.delivery.kernel.metrics.KernelMetrics;
import io.logos.delivery.kernel.metrics.MetricSource;
import io.logos.delivery.kernel.peers.PeerIds;
import io.logos.delivery.kernel.peers.PeerManager;
import io.logos.delivery.kernel.ratelimit.RequestRateLimiter;
import io.logos.delivery.kernel.relay.RelayConfig;
import io.logos.delivery.kernel.relay.WakuRelay;
import io.logos.delivery.kernel.store.DefaultStoreClient;
import io.logos.delivery.kernel.store.StoreResume;
import io.logos.delivery.kernel.store.StoreServer;
import io.logos.delivery.kernel.store.StoreServerConfig;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.ConnectionListener;
import io.logos.delivery.libp2p.host.Direction;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostPubSub;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.pubsub.GossipParams;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.gossipsub.GossipSub;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Waku node on the project's libp2p host. Mounts metadata always, relay when configured, and the light
 * push and filter services on top of relay; relayed messages go, in this order, to the filter server,
 * the archive and the listeners other layers register. Given an archive, it serves store queries from it
 * and can resume it from store peers. Start once, stop once.
 */
public final class KernelNode implements WakuNode {

    private static final Logger LOG = LoggerFactory.getLogger(KernelNode.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    /** Room for the RPC envelope around one message of the maximum size (topic, tags, lengths). */
    private static final int RPC_OVERHEAD = 1024;

    private final KernelConfig config;
    private final Host host;
    private final Optional<ArchiveDriver> archive;
    private final KernelEvents events = new KernelEvents();
    private final KernelMetrics metrics = new KernelMetrics();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kernel-scheduler").daemon().factory());
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("relay-delivery").daemon().factory());
    private final GossipSubConfig gossipConfig;
    private final PeerManager peerManager;
    private final DefaultFilterClient filterClient;
    private final Optional<FilterServer> filterServer;
    private final DefaultLightpushClient lightpushClient;
    private final DefaultStoreClient storeClient;
    private final Optional<StoreServer> storeServer;
    private final Optional<StoreResume> storeResume;
    private final RequestRateLimiter<io.logos.delivery.libp2p.peer.PeerId> storeLimiter;
    private volatile LightpushServer lightpushServer;
    private volatile GossipSub gossip;
    private volatile WakuRelay relay;
    private volatile ArchiveWriter archiveWriter;
    private volatile Optional<Enr> record = Optional.empty();
    private CompletableFuture<Void> stopped;
    private final List<AutoCloseable> closedOnStop = new CopyOnWriteArrayList<>();

    /**
     * @param archive the archive driver relayed messages are stored in, when the store is mounted; the
     *                caller keeps ownership and closes it after {@link #stop()}
     */
    public KernelNode(KernelConfig config, Optional<ArchiveDriver> archive) {
        this.config = config;
        this.archive = archive;
        this.host = new Host(config.host());
        GossipParams params = GossipParams.nwaku().toBuilder()
                .maxMessageSize(config.maxMessageSize().bytes() + RPC_OVERHEAD).build();
        this.gossipConfig = GossipSubConfig.wakuRelay().withGossip(params);
        this.peerManager = new PeerManager(config.peers(), host, config.clock(), scheduler);
        peerManager.useLocalShards(() -> Set.copyOf(announcedShards()));
        this.filterClient = new DefaultFilterClient(host, peerManager, config.clock(), scheduler, FilterClientConfig.DEFAULT);
        this.lightpushClient = new DefaultLightpushClient(host, peerManager, config.sharding().autoSharding(),
                DefaultLightpushClient.DEFAULT_REQUEST_TIMEOUT, config.clock());
        this.filterServer = config.filter()
                ? Optional.of(new FilterServer(config.filterService(), config.clock(), scheduler, metrics))
                : Optional.empty();
        // store: the client always; the service and resume when there is an archive
        this.storeClient = new DefaultStoreClient(host, peerManager, config.maxMessageSize(),
                DefaultStoreClient.DEFAULT_REQUEST_TIMEOUT);
        this.storeLimiter = RequestRateLimiter.perPeerAndGlobal(config.storeRateLimit(), config.clock());
        this.storeServer = archive.map(driver -> new StoreServer(driver, storeLimiter, scheduler,
                StoreServerConfig.DEFAULT, metrics));
        this.storeResume = archive.map(driver -> new StoreResume(storeClient, driver, config.sharding()::pubsubTopics,
                config.clock()));
        observeFigures();
    }

    /** The gauges read from what the host, the peer manager and the filter service keep anyway. */
    private void observeFigures() {
        ConnectionCensus census = new ConnectionCensus(host);
        metrics.connectedPeers(census::byDirectionAndProtocol);
        metrics.libp2pPeers(census::peers);
        metrics.peerStoreSize(() -> peerManager.all().size());
        filterServer.ifPresent(server -> metrics.filterSubscriptions(server::subscriberCount));
    }

    @Override
    public synchronized CompletableFuture<Void> start() {
        new MetadataProtocol(host, config.sharding().clusterId(), this::announcedShards, new MetadataToPeerStore(),
                METADATA_TIMEOUT).mount();
        host.addConnectionListener(new PeerEvents());
        filterClient.mount();
        filterServer.ifPresent(server -> server.mount(host));
        storeServer.ifPresent(server -> {
            server.mount(host);
            scheduler.scheduleWithFixedDelay(storeLimiter::forgetIdlePeers, 1, 1, TimeUnit.MINUTES);
        });
        return host.start().thenRun(this::mountRelay).thenRun(this::makeRecord).thenRun(peerManager::start)
                .thenRun(() -> LOG.info("Waku node {} started: cluster {}, shards {}, protocols {}, ENR {}",
                        host.peerId(), config.sharding().clusterId(), config.sharding().effectiveShards(),
                        host.protocols(), enrUri().orElse("none")))
                .thenRun(this::resumeStoreIfConfigured);
    }

    /** Once bound and mounted: the record tells the bound ports and the services. */
    private void makeRecord() {
        record = NodeRecord.of(config.host().identity(), host.listenAddresses(), mountedCapabilities(),
                new RelayShards(config.sharding().clusterId(), config.sharding().effectiveShards()));
    }

    private Set<WakuCapability> mountedCapabilities() {
        Set<WakuCapability> capabilities = EnumSet.noneOf(WakuCapability.class);
        if (relay != null) {
            capabilities.add(WakuCapability.RELAY);
        }
        if (storeServer.isPresent()) {
            capabilities.add(WakuCapability.STORE);
        }
        if (filterServer.isPresent()) {
            capabilities.add(WakuCapability.FILTER);
        }
        if (lightpushServer != null) {
            capabilities.add(WakuCapability.LIGHTPUSH);
        }
        return capabilities;
    }

    /** nwaku's {@code --store-resume}: in the background, 3 attempts 30 s apart. */
    private void resumeStoreIfConfigured() {
        if (config.storeResume()) {
            storeResume.ifPresentOrElse(resume -> resume.runRetrying(3, Duration.ofSeconds(30), scheduler),
                    () -> LOG.warn("Store resume is on, but the node has no archive to resume"));
        }
    }

    private void mountRelay() {
        if (!config.relay()) {
            return;
        }
        gossip = HostPubSub.attach(host, gossipConfig);
        relay = new WakuRelay(gossip, new RelayConfig(config.sharding().clusterId(), config.sharding().autoSharding(),
                config.maxMessageSize().bytes(), gossipConfig.gossip().dLow(), Duration.ofSeconds(20)),
                config.clock(), delivery, metrics);
        filterServer.ifPresent(server -> relay.addMessageListener(server::onMessage));
        archive.ifPresent(driver -> {
            archiveWriter = new ArchiveWriter(driver, config.clock(), config.archive().retention(), metrics);
            relay.addMessageListener(archiveWriter);
            long every = config.archive().retentionInterval().toMillis();
            scheduler.scheduleWithFixedDelay(archiveWriter::applyRetention, every, every, TimeUnit.MILLISECONDS);
        });
        config.sharding().pubsubTopics().forEach(relay::subscribe);
        if (config.lightpush()) {
            RequestRateLimiter<io.logos.delivery.libp2p.peer.PeerId> limiter =
                    RequestRateLimiter.perPeerAndGlobal(config.lightpushRateLimit(), config.clock());
            lightpushServer = new LightpushServer(relay, config.maxMessageSize(), limiter, scheduler, metrics);
            lightpushServer.mount(host);
            scheduler.scheduleWithFixedDelay(limiter::forgetIdlePeers, 1, 1, TimeUnit.MINUTES);
        }
        long heartbeat = gossipConfig.gossip().heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> relay.refreshHealth(events), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /**
     * The shards we announce in metadata: a relay node's subscribed shards of our cluster (the configured
     * ones while relay is being mounted at start), none for an edge node.
     */
    private List<Integer> announcedShards() {
        if (!config.relay()) {
            return List.of();
        }
        WakuRelay current = relay;
        if (current == null) {
            return config.sharding().effectiveShards();
        }
        return current.subscriptions().stream().map(PubsubTopic::shard).flatMap(Optional::stream)
                .filter(shard -> shard.clusterId() == config.sharding().clusterId())
                .map(RelayShard::shardId).sorted().toList();
    }

    /**
     * Stops taking requests and lets the services answer those in flight, then stops the peer manager,
     * relay and the host. Idempotent.
     */
    @Override
    public synchronized CompletableFuture<Void> stop() {
        if (stopped != null) {
            return stopped;
        }
        List<CompletableFuture<Void>> services = new ArrayList<>();
        services.add(filterClient.stop());
        filterServer.ifPresent(server -> services.add(server.stop()));
        if (lightpushServer != null) {
            services.add(lightpushServer.stop());
        }
        storeServer.ifPresent(server -> services.add(server.stop()));
        storeResume.ifPresent(resume -> services.add(resume.stop()));
        stopped = CompletableFuture.allOf(services.toArray(CompletableFuture[]::new))
                .handle((done, failure) -> null)
                .thenCompose(drained -> {
                    peerManager.close();
                    scheduler.shutdownNow();
                    GossipSub stopping = gossip;
                    if (stopping != null) {
                        stopping.close();
                    }
                    return host.stop();
                })
                .whenComplete((done, failure) -> {
                    delivery.shutdown();
                    if (archiveWriter != null) {
                        archiveWriter.close();
                    }
                    closedOnStop.forEach(KernelNode::closeQuietly);
                    LOG.info("Waku node {} stopped", host.peerId());
                });
        return stopped;
    }

    /** The node's metrics, for an exporter to read. */
    public MetricSource metrics() {
        return metrics.source();
    }

    /** Closes {@code resource} (e.g. an archive this node was given to own) once the node stopped. */
    public void closeOnStop(AutoCloseable resource) {
        closedOnStop.add(resource);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Closing {} after stop failed: {}", resource, e.toString());
        }
    }

    /** The libp2p host, for the app's wiring and tests. */
    public Host host() {
        return host;
    }

    @Override
    public PeerId peerId() {
        return PeerIds.toApi(host.peerId());
    }

    @Override
    public List<String> listenAddresses() {
        return host.dialableAddresses().stream().map(Multiaddr::toString).toList();
    }

    @Override
    public Optional<String> enrUri() {
        return record.map(Enr::toText);
    }

    @Override
    public int clusterId() {
        return config.sharding().clusterId();
    }

    @Override
    public List<PubsubTopic> shards() {
        return config.sharding().pubsubTopics();
    }

    @Override
    public Optional<AutoSharding> autoSharding() {
        return config.sharding().autoSharding();
    }

    @Override
    public MessageSizeLimit maxMessageSize() {
        return config.maxMessageSize();
    }

    @Override
    public List<String> protocols() {
        return host.protocols();
    }

    @Override
    public Optional<Relay> relay() {
        return Optional.ofNullable(relay);
    }

    @Override
    public LightpushClient lightpush() {
        return lightpushClient;
    }

    @Override
    public FilterClient filter() {
        return filterClient;
    }

    /** The archive writer, present when the node has an archive and relays; for metrics and tests. */
    public Optional<ArchiveWriter> archiveWriter() {
        return Optional.ofNullable(archiveWriter);
    }

    @Override
    public StoreClient store() {
        return storeClient;
    }

    /**
     * Fills the archive with what a store peer holds of the node's shards since the archive's newest message
     * (at most {@link StoreResume#MAX_RANGE} back); completes with the number of messages added. Fails with
     * {@link IllegalStateException} when the node has no archive, and with
     * {@link io.logos.delivery.kernel.store.StoreResumeException} when no store peer serves the query.
     */
    public CompletableFuture<Long> resumeStore() {
        return storeResume.map(StoreResume::run).orElseGet(() -> CompletableFuture.failedFuture(
                new IllegalStateException("store resume needs an archive (--store)")));
    }

    /**
     * The store service, present when the node has an archive ({@code --store}); its
     * {@link StoreServer#answerLocally} answers the node's own queries, such as its REST API's.
     */
    public Optional<StoreServer> storeServer() {
        return storeServer;
    }

    /** The filter service, when mounted; for metrics and tests. */
    public Optional<FilterServer> filterServer() {
        return filterServer;
    }

    @Override
    public Peers peers() {
        return peerManager;
    }

    /** The peer manager, for the app's wiring and tests. */
    public PeerManager peerManager() {
        return peerManager;
    }

    @Override
    public Registration addEventListener(KernelEventListener listener) {
        return events.add(listener);
    }

    /** Turns the host's connections into peer events: the first connection connects, the last disconnects. */
    private final class PeerEvents implements ConnectionListener {
        @Override
        public void connected(Connection connection) {
            if (host.connections(connection.remotePeer()).size() == 1) {
                events.accept(new KernelEvent.PeerConnected(PeerIds.toApi(connection.remotePeer()),
                        connection.direction() == Direction.INBOUND));
            }
        }

        @Override
        public void disconnected(Connection connection) {
            if (host.connections(connection.remotePeer()).isEmpty()) {
                events.accept(new KernelEvent.PeerDisconnected(PeerIds.toApi(connection.remotePeer())));
            }
        }
    }

    /** Records the shards of peers in our cluster; forgets the others, which metadata disconnected. */
    private final class MetadataToPeerStore implements MetadataListener {
        @Override
        public void accepted(io.logos.delivery.libp2p.peer.PeerId peer, PeerMetadata metadata) {
            peerManager.peerStore().recordMetadata(peer, metadata.clusterId().getAsInt(), Set.copyOf(metadata.shards()));
        }

        @Override
        public void refused(io.logos.delivery.libp2p.peer.PeerId peer, String reason) {
            peerManager.disconnectAndForget(peer, reason);
        }
    }
}
