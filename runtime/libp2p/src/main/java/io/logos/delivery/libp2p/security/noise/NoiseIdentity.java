package io.logos.delivery.libp2p.security.noise;

import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.peer.PeerId;
import java.security.SecureRandom;

/**
 * This peer's side of every Noise handshake: its peer id, a Noise static key (one per
 * {@link NoiseSecurity}, as the spec allows; never stored) and the signed payload for it.
 */
final class NoiseIdentity {

    private final PeerId peerId;
    private final X25519KeyPair staticKey;
    private final byte[] payload;

    NoiseIdentity(PeerId peerId, X25519KeyPair staticKey, byte[] payload) {
        this.peerId = peerId;
        this.staticKey = staticKey;
        this.payload = payload;
    }

    static NoiseIdentity create(PrivKey identityKey, SecureRandom random) {
        X25519KeyPair staticKey = X25519KeyPair.generate(random);
        return new NoiseIdentity(
                PeerId.fromPublicKey(identityKey.publicKey()),
                staticKey,
                HandshakePayloads.create(identityKey, staticKey.publicKey()));
    }

    PeerId peerId() {
        return peerId;
    }

    X25519KeyPair staticKey() {
        return staticKey;
    }

    byte[] payload() {
        return payload.clone();
    }
}
