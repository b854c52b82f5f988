package io.logos.delivery.app.wiring;

import io.logos.delivery.app.config.InvalidConfigurationException;
import io.logos.delivery.app.config.NetworkConfig;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.libp2p.crypto.NodeKeys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.host.ConnectionLimits;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.transport.TlsCertificate;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds the libp2p host from the network flags; the node key comes from {@code --nodekey} or the data folder. */
final class HostProvider implements Provider<Host> {

    /** The node key's file in the data folder. */
    static final String NODE_KEY_FILE = "nodekey";

    private final NodeConfig config;

    @Inject
    HostProvider(NodeConfig config) {
        this.config = config;
    }

    @Override
    public Host get() {
        NetworkConfig network = config.network();
        return new Host(new HostConfig(nodeKey(network),
                network.listenMultiaddrs().stream().map(Multiaddr::parse).toList(), network.agentString(),
                new ConnectionLimits(network.maxConnections(), ConnectionLimits.DEFAULT.maxPerPeer()),
                HostConfig.DEFAULT_DIAL_TIMEOUT, network.websocketSecure().map(
                        files -> new TlsCertificate(files.key(), files.certificate())), 0));
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
