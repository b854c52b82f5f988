package io.logos.delivery.libp2p.security.noise;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** A Curve25519 Diffie-Hellman key pair: the Noise spec's 25519 DH functions. */
final class X25519KeyPair {

    /** DHLEN: the size of public keys and of DH outputs. */
    static final int KEY_BYTES = X25519.POINT_SIZE;

    private final byte[] privateKey;
    private final byte[] publicKey;

    private X25519KeyPair(byte[] privateKey) {
        this.privateKey = privateKey;
        this.publicKey = new byte[KEY_BYTES];
        X25519.generatePublicKey(privateKey, 0, publicKey, 0);
    }

    static X25519KeyPair generate(SecureRandom random) {
        byte[] privateKey = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, privateKey);
        return new X25519KeyPair(privateKey);
    }

    /** A key pair from a fixed private key; for known-answer tests. */
    static X25519KeyPair fromPrivateKey(byte[] privateKey) {
        return new X25519KeyPair(privateKey.clone());
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * DH(this private key, {@code remotePublicKey}).
     *
     * @throws NoiseException if the remote key is a low-order point, which would make the
     *     shared secret all zeros
     */
    byte[] dh(byte[] remotePublicKey) throws NoiseException {
        byte[] shared = new byte[KEY_BYTES];
        if (!X25519.calculateAgreement(privateKey, 0, remotePublicKey, 0, shared, 0)) {
            throw new NoiseException("remote X25519 key is a low-order point");
        }
        return shared;
    }
}
