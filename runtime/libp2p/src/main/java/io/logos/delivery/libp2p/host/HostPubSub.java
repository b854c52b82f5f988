package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiaddr.Protocol;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ConnectionDirection;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.PubSubNetwork;
import io.logos.delivery.libp2p.pubsub.gossipsub.GossipSub;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs gossipsub on a started {@link Host}: serves its protocol ids, reports connections to it, opens
 * its streams. Gossipsub itself knows nothing of the host.
 */
public final class HostPubSub {

    private static final Logger LOG = LoggerFactory.getLogger(HostPubSub.class);

    private HostPubSub() {
    }

    /** Starts gossipsub with {@code config} on {@code host}; close the returned router before stopping the host. */
    public static GossipSub attach(Host host, GossipSubConfig config) {
        GossipSub gossip = GossipSub.start(host.peerId(), config, new Network(host), host.eventLoops().next());
        for (String protocol : gossip.protocolIds()) {
            host.setStreamHandler(protocol, (connection, stream) -> gossip.inboundStream(connection.remotePeer(), stream));
        }
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void connected(Connection connection) {
                report(host, gossip, connection);
            }

            @Override
            public void disconnected(Connection connection) {
                if (host.connections(connection.remotePeer()).isEmpty()) {
                    gossip.peerDisconnected(connection.remotePeer());
                }
            }
        };
        host.addConnectionListener(listener);
        host.connections().forEach(connection -> report(host, gossip, connection));
        return gossip;
    }

    private static void report(Host host, GossipSub gossip, Connection connection) {
        PeerId peer = connection.remotePeer();
        List<String> protocols = host.identity(peer).map(PeerIdentity::protocols).orElse(List.of());
        gossip.peerConnected(peer, connection.direction() == Direction.INBOUND ? ConnectionDirection.INBOUND
                : ConnectionDirection.OUTBOUND, ipOf(connection.remoteAddress()), protocols);
    }

    /** The IP of an address, for gossipsub's IP colocation score; empty for names and relayed addresses. */
    private static Optional<InetAddress> ipOf(Multiaddr address) {
        Optional<String> ip = address.valueOf(Protocol.IP4).or(() -> address.valueOf(Protocol.IP6));
        try {
            return ip.isPresent() ? Optional.of(InetAddress.getByName(ip.get())) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** What gossipsub asks of the host. */
    private record Network(Host host) implements PubSubNetwork {
        @Override
        public CompletableFuture<Channel> openStream(PeerId peer, List<String> protocolIds) {
            return host.newStream(peer, protocolIds).thenApply(Channel.class::cast);
        }

        @Override
        public void dialExchangedPeers(List<ExchangedPeer> peers) {
            // A signed peer record would carry their addresses; we do not verify records yet, and a peer id
            // alone cannot be dialed, so exchanged peers are only logged.
            LOG.debug("Gossipsub peer exchange suggested {} peers; dialing them needs signed peer records",
                    peers.size());
        }

        @Override
        public void disconnect(PeerId peer) {
            host.connections(peer).forEach(Connection::close);
        }
    }
}
