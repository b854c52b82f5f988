package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.ExchangedPeer;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import java.util.List;

/** Everything the router asks of the outside world; called on the router's thread. */
interface RouterOutput {

    /** Sends {@code rpc}, which fits the configured maximum size, to {@code peer}. */
    void send(PeerId peer, RPC rpc);

    /** Peers learned through peer exchange, for the host to dial if it wants. */
    void dialExchangedPeers(List<ExchangedPeer> peers);

    /** Asks the host to disconnect a peer whose score fell below the graylist threshold. */
    void disconnect(PeerId peer);
}
