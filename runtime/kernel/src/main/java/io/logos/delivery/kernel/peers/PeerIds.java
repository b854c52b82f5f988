package io.logos.delivery.kernel.peers;

import io.logos.delivery.api.kernel.node.PeerId;

/** Converts between the API's text peer ids and libp2p's. */
public final class PeerIds {

    private PeerIds() {
    }

    public static PeerId toApi(io.logos.delivery.libp2p.peer.PeerId peer) {
        return new PeerId(peer.toString());
    }

    /** @throws IllegalArgumentException when the text is not a valid libp2p peer id */
    public static io.logos.delivery.libp2p.peer.PeerId fromApi(PeerId peer) {
        return io.logos.delivery.libp2p.peer.PeerId.parse(peer.value());
    }
}
