package io.logos.delivery.libp2p.pubsub;

import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.peer.PeerId;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What pubsub needs from the libp2p host. The host implements it; pubsub calls it from its own thread.
 * In the other direction the host reports connections and streams through {@link PubSubConnections}.
 */
public interface PubSubNetwork {

    /**
     * Opens a new stream to {@code peer} on an existing connection (or a new one) and negotiates one of
     * {@code protocolIds}, most preferred first, with multistream-select.
     *
     * @return the stream, its agreed protocol in the {@link MultistreamSelect#PROTOCOL} attribute; fails when
     *     the peer is not connected or supports none of the protocols
     */
    CompletableFuture<Channel> openStream(PeerId peer, List<String> protocolIds);

    /**
     * Peers a well-scored peer suggested through gossipsub peer exchange when it pruned us. The host may dial
     * them (they help rebuild a mesh) or ignore them. Our own id and connected peers are filtered out.
     */
    void dialExchangedPeers(List<ExchangedPeer> peers);

    /**
     * Asks the host to close every connection to {@code peer}, whose score fell below the graylist threshold
     * (only with {@link GossipParams#disconnectBadPeers()}).
     */
    void disconnect(PeerId peer);
}
