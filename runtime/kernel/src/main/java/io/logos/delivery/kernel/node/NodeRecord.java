package io.logos.delivery.kernel.node;

import io.logos.delivery.kernel.enr.Enr;
import io.logos.delivery.kernel.enr.EnrBuilder;
import io.logos.delivery.kernel.enr.RelayShards;
import io.logos.delivery.kernel.enr.WakuCapability;
import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.multiaddr.Component;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiaddr.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own record, made as nwaku makes it after binding (sequence number 1):
 * <ul>
 *   <li>{@code ip}/{@code tcp} (or {@code ip6}/{@code tcp6}) from the first plain TCP listen address, its IP as
 *       bound: like nwaku without {@code --nat}/{@code --ext-ip}, a node bound to {@code 0.0.0.0} announces
 *       {@code 0.0.0.0};</li>
 *   <li>{@code multiaddrs}: the listen addresses the predefined keys cannot express (websocket, DNS names,
 *       QUIC), without {@code /p2p};</li>
 *   <li>{@code waku2}: the services mounted; {@code rs}/{@code rsv}: the configured shards of the cluster.</li>
 * </ul>
 * A record over 300 bytes drops trailing {@code multiaddrs} entries until it fits, as nwaku does. Nodes with
 * an Ed25519 key have no record: the v4 scheme needs secp256k1.
 */
final class NodeRecord {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRecord.class);
    private static final Set<Protocol> NOT_EXPRESSIBLE_BY_IP_AND_PORT =
            Set.of(Protocol.WS, Protocol.WSS, Protocol.DNS, Protocol.DNS4, Protocol.DNS6, Protocol.QUIC_V1);

    private NodeRecord() {
    }

    static Optional<Enr> of(PrivKey key, List<Multiaddr> listenAddresses, Set<WakuCapability> capabilities,
                            RelayShards shards) {
        if (key.type() != KeyType.SECP256K1) {
            LOG.info("The node has no ENR: its {} key cannot sign a v4 record, which needs secp256k1", key.type());
            return Optional.empty();
        }
        List<Multiaddr> extra = listenAddresses.stream().filter(NodeRecord::needsMultiaddrsField).toList();
        Optional<List<Component>> ipAndTcp = listenAddresses.stream().map(Multiaddr::components)
                .filter(NodeRecord::isIpAndTcp).findFirst();
        for (int kept = extra.size(); ; kept--) {
            EnrBuilder builder = new EnrBuilder(key).capabilities(capabilities).relayShards(shards);
            ipAndTcp.ifPresent(components -> ipAndTcp(builder, components.get(0), components.get(1)));
            if (kept > 0) {
                builder.multiaddrs(extra.subList(0, kept));
            }
            try {
                return Optional.of(builder.build());
            } catch (IllegalStateException tooLarge) {
                if (kept == 0) {
                    throw tooLarge;
                }
                LOG.warn("The ENR leaves out {}: {}", extra.get(kept - 1), tooLarge.getMessage());
            }
        }
    }

    private static boolean needsMultiaddrsField(Multiaddr address) {
        return address.components().stream().map(Component::protocol).anyMatch(NOT_EXPRESSIBLE_BY_IP_AND_PORT::contains);
    }

    /** {@code /ip4/…/tcp/…} or {@code /ip6/…/tcp/…}, and nothing more. */
    private static boolean isIpAndTcp(List<Component> components) {
        return components.size() == 2 && Set.of(Protocol.IP4, Protocol.IP6).contains(components.get(0).protocol())
                && components.get(1).protocol() == Protocol.TCP;
    }

    private static void ipAndTcp(EnrBuilder builder, Component ip, Component tcp) {
        builder.ip(literal(ip.value()));
        int port = Integer.parseInt(tcp.value());
        if (ip.protocol() == Protocol.IP4) {
            builder.tcp(port);
        } else {
            builder.tcp6(port);
        }
    }

    /** An IP literal as the multiaddr wrote it; no name lookup happens for a literal. */
    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("a multiaddr's IP is a literal: " + ip, impossible);
        }
    }
}
