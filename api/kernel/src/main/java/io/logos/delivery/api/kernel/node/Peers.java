package io.logos.delivery.api.kernel.node;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The node's peer manager, as other code sees it. */
public interface Peers {

    /** Dials {@code multiaddr} (with {@code /p2p/<id>}), records the peer, and completes once connected. */
    CompletableFuture<PeerId> connect(String multiaddr);

    /** Every peer in the peer store. */
    List<PeerInfo> all();

    /** The connected peers. */
    List<PeerInfo> connected();
}
