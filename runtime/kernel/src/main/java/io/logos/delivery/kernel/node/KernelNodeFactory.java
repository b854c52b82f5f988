package io.logos.delivery.kernel.node;

import io.logos.delivery.api.kernel.node.NodeSettings;
import io.logos.delivery.api.kernel.node.WakuNode;
import io.logos.delivery.api.kernel.node.WakuNodeFactory;
import io.logos.delivery.kernel.peers.PeerManagerConfig;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Builds {@link KernelNode}s from {@link NodeSettings} for upper layers and libraries: a fresh identity, every
 * shard of the network, static nodes kept connected, store and light push nodes as service peers, an archive
 * from the installed driver plugins when asked.
 */
public final class KernelNodeFactory implements WakuNodeFactory {

    private static final String AGENT = "logos-delivery-" + version();

    @Override
    public WakuNode create(NodeSettings settings) {
        ShardingConfig sharding = new ShardingConfig(settings.clusterId(), List.of(), settings.numShards());
        PeerManagerConfig.Builder peers = PeerManagerConfig.builder(settings.clusterId());
        settings.staticNodes().forEach(peers::staticNode);
        settings.storeNodes().forEach(node -> peers.serviceNode(PeerManagerConfig.STORE_PROTOCOL, node));
        settings.lightpushNodes().forEach(node -> peers.serviceNode(PeerManagerConfig.LIGHTPUSH_PROTOCOL, node));
        settings.dataDirectory().ifPresent(dir -> peers.peerStorePath(dir.resolve("peers.sqlite3")));
        HostConfig host = HostConfig.of(Keys.generate(), settings.listenAddresses().stream().map(this::listenAddress)
                .toList(), AGENT);
        KernelConfig config = KernelConfig.relayNode(host, sharding)
                .withRelay(settings.relay())
                .withServices(settings.lightpushService(), settings.filterService())
                .withMaxMessageSize(settings.maxMessageSize())
                .withPeers(peers.build())
                .withClock(settings.clock());
        Optional<ArchiveDriver> archive = settings.archive().map(KernelNodeFactory::openArchive);
        KernelNode node = new KernelNode(config, archive);
        archive.ifPresent(node::closeOnStop);
        return node;
    }

    private static ArchiveDriver openArchive(String url) {
        ArchiveDriverConfig config = new ArchiveDriverConfig(url, 1);
        List<ArchiveDriverFactory> installed = ServiceLoader.load(ArchiveDriverFactory.class,
                KernelNodeFactory.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
        return installed.stream().filter(factory -> factory.name().equals(config.scheme())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no archive driver for scheme '" + config.scheme()
                        + "'; installed: " + installed.stream().map(ArchiveDriverFactory::name).sorted().toList()))
                .create(config);
    }

    private Multiaddr listenAddress(String text) {
        try {
            return Multiaddr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("listen address '" + text + "' is not a multiaddr: " + e.getMessage(), e);
        }
    }

    private static String version() {
        return Optional.ofNullable(KernelNodeFactory.class.getModule().getDescriptor())
                .flatMap(descriptor -> descriptor.rawVersion()).orElse("dev");
    }
}
