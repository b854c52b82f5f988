package io.logos.delivery.libp2p.pubsub;

import io.logos.delivery.libp2p.peer.PeerId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer offered by gossipsub v1.1 peer exchange: a pruning peer's suggestion of where to rebuild our mesh.
 *
 * @param peerId           the suggested peer
 * @param signedPeerRecord its signed peer record (an envelope with its addresses) when the pruning peer had
 *                         one; without it the host must find the addresses itself. Not verified here.
 */
public record ExchangedPeer(PeerId peerId, Optional<byte[]> signedPeerRecord) {

    public ExchangedPeer {
        Objects.requireNonNull(peerId, "peerId");
        signedPeerRecord = signedPeerRecord.map(byte[]::clone);
    }

    /** The signed peer record, as a copy. */
    @Override
    public Optional<byte[]> signedPeerRecord() {
        return signedPeerRecord.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExchangedPeer peer && peerId.equals(peer.peerId)
                && Arrays.equals(signedPeerRecord.orElse(null), peer.signedPeerRecord.orElse(null));
    }

    @Override
    public int hashCode() {
        return 31 * peerId.hashCode() + Arrays.hashCode(signedPeerRecord.orElse(null));
    }
}
