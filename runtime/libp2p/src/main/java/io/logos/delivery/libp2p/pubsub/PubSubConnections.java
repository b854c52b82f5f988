package io.logos.delivery.libp2p.pubsub;

import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.peer.PeerId;
import io.netty.channel.Channel;
import java.net.InetAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How the libp2p host tells pubsub about peers and streams. Pubsub keeps one outbound stream per peer for
 * sending and reads every inbound stream the peer opens (pubsub spec, "Stream management").
 */
public interface PubSubConnections {

    /** The stream protocols to accept for pubsub, most preferred first. */
    List<String> protocolIds();

    /**
     * A peer is connected. When its protocols include one of {@link #protocolIds()}, or are not known yet,
     * pubsub opens its outbound stream (a peer without pubsub then just refuses it). Calling it again for a
     * connected peer does nothing.
     *
     * @param direction who dialed the connection
     * @param address   the peer's IP address, for IP colocation scoring; empty when the connection does not
     *                  show it (e.g. relayed connections)
     * @param protocols the protocols identify reported; empty when not known yet
     */
    void peerConnected(PeerId peer, ConnectionDirection direction, Optional<InetAddress> address,
                       Collection<String> protocols);

    /**
     * The peer opened a stream and multistream-select agreed on one of {@link #protocolIds()} (kept in the
     * {@link MultistreamSelect#PROTOCOL} attribute). Call it on the stream's event loop before the stream
     * reads on, typically in the negotiation's listener, so no RPC that followed the negotiation is missed.
     * A stream from a peer not reported through {@link #peerConnected} is served too; that peer counts as an
     * inbound connection without an address.
     */
    void inboundStream(PeerId peer, Channel stream);

    /** The last connection to the peer closed: it leaves every mesh and its streams are closed. */
    void peerDisconnected(PeerId peer);
}
