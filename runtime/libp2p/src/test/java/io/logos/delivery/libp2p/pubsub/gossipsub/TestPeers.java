package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Deterministic peer ids for tests: SHA-256 multihashes of a name. */
final class TestPeers {

    private TestPeers() {
    }

    static PeerId peer(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            byte[] multihash = new byte[2 + digest.length];
            multihash[0] = 0x12;
            multihash[1] = 0x20;
            System.arraycopy(digest, 0, multihash, 2, digest.length);
            return PeerId.fromBytes(multihash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PeerId peer(int index) {
        return peer("peer-" + index);
    }
}
