package io.logos.delivery.app.wiring;

import io.logos.delivery.app.config.InvalidConfigurationException;
import io.logos.delivery.app.config.NetworkConfig;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.app.config.ProtocolsConfig;
import io.logos.delivery.app.config.RateLimits;
import io.logos.delivery.kernel.archive.ArchiveConfig;
import io.logos.delivery.kernel.archive.RetentionPolicy;
import io.logos.delivery.kernel.filter.FilterServerConfig;
import io.logos.delivery.kernel.node.KernelConfig;
import io.logos.delivery.kernel.node.KernelNode;
import io.logos.delivery.kernel.node.ShardingConfig;
import io.logos.delivery.kernel.peers.PeerManagerConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import io.logos.delivery.libp2p.crypto.NodeKeys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.host.ConnectionLimits;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.transport.TlsCertificate;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds the kernel node from the flags: the libp2p host from the network flags (the node key from
 * {@code --nodekey} or the data folder), the protocols and shards from the protocol flags.
 */
final class KernelNodeProvider implements Provider<KernelNode> {

    /** The node key's file in the data folder. */
    static final String NODE_KEY_FILE = "nodekey";
    /** The peer store's file in the data folder. */
    static final String PEER_STORE_FILE = "peers.sqlite3";

    private final NodeConfig config;
    private final Optional<ArchiveDriver> archive;
    private final Clock clock;

    @Inject
    KernelNodeProvider(NodeConfig config, Optional<ArchiveDriver> archive, Clock clock) {
        this.config = config;
        this.archive = archive;
        this.clock = clock;
    }

    @Override
    public KernelNode get() {
        ProtocolsConfig protocols = config.protocols();
        ShardingConfig sharding;
        try {
            sharding = new ShardingConfig(config.clusterId(), protocols.shards(), protocols.numShardsInNetwork());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
        RateLimits rateLimits = RateLimits.parse(protocols.rateLimits());
        FilterServerConfig filterService = FilterServerConfig.DEFAULT
                .withMaxPeersToServe(protocols.filterMaxPeersToServe())
                .withMaxCriteriaPerPeer(protocols.filterMaxCriteria())
                .withSubscriptionTtl(Duration.ofSeconds(protocols.filterSubscriptionTimeoutSeconds()))
                .withRateLimit(rateLimits.filter());
        ArchiveConfig archiveConfig;
        try {
            archiveConfig = new ArchiveConfig(RetentionPolicy.parse(protocols.storeRetentionPolicy()),
                    ArchiveConfig.DEFAULT_RETENTION_INTERVAL);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("--store-message-retention-policy: " + e.getMessage());
        }
        return new KernelNode(new KernelConfig(hostConfig(), sharding, protocols.relay(), protocols.lightpush(),
                protocols.filter(), config.maxMessageSize(), rateLimits.lightpush(), filterService, archiveConfig,
                peerManagerConfig(protocols), clock, rateLimits.store(), protocols.storeResume()), archive);
    }

    /** The peer manager from the connection and peer flags; the peer store lives in the data folder. */
    private PeerManagerConfig peerManagerConfig(ProtocolsConfig protocols) {
        PeerManagerConfig.Builder peers = PeerManagerConfig.builder(config.clusterId())
                .maxConnections(config.network().maxConnections())
                .peerStorePath(config.dataDirectory().resolve(PEER_STORE_FILE));
        protocols.staticNodes().forEach(node -> peers.staticNode(peerAddress("--staticnode", node)));
        protocols.storeNode().ifPresent(node -> peers.serviceNode(PeerManagerConfig.STORE_PROTOCOL,
                peerAddress("--storenode", node)));
        protocols.filterNode().ifPresent(node -> peers.serviceNode(PeerManagerConfig.FILTER_PROTOCOL,
                peerAddress("--filternode", node)));
        protocols.lightpushNode().ifPresent(node -> peers.serviceNode(PeerManagerConfig.LIGHTPUSH_PROTOCOL,
                peerAddress("--lightpushnode", node)));
        try {
            return peers.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
    }

    /** A peer's address from {@code flag}: a multiaddr that ends with {@code /p2p/<peer id>}. */
    private static String peerAddress(String flag, String text) {
        Multiaddr address;
        try {
            address = Multiaddr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(flag + ": '" + text + "' is not a multiaddr: " + e.getMessage());
        }
        if (address.peerId().isEmpty()) {
            throw new InvalidConfigurationException(flag + ": " + text + " lacks /p2p/<peer id>");
        }
        return text;
    }

    private HostConfig hostConfig() {
        NetworkConfig network = config.network();
        return new HostConfig(nodeKey(network),
                network.listenMultiaddrs().stream().map(Multiaddr::parse).toList(), network.agentString(),
                new ConnectionLimits(network.maxConnections(), ConnectionLimits.DEFAULT.maxPerPeer()),
                HostConfig.DEFAULT_DIAL_TIMEOUT, network.websocketSecure().map(
                        files -> new TlsCertificate(files.key(), files.certificate())), 0);
    }

    private PrivKey nodeKey(NetworkConfig network) {
        try {
            return NodeKeys.resolve(network.nodeKey(), config.dataDirectory().resolve(NODE_KEY_FILE));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("--nodekey: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node key: " + e.getMessage(), e);
        }
    }
}
