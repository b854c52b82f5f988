package io.logos.delivery.libp2p.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 public key, carried as its 32 raw bytes. */
final class Ed25519PublicKey implements PubKey {

    static final int BYTES = Ed25519PublicKeyParameters.KEY_SIZE;

    private final Ed25519PublicKeyParameters parameters;
    private final byte[] raw;

    private Ed25519PublicKey(Ed25519PublicKeyParameters parameters) {
        this.parameters = parameters;
        this.raw = parameters.getEncoded();
    }

    static Ed25519PublicKey of(Ed25519PublicKeyParameters parameters) {
        return new Ed25519PublicKey(parameters);
    }

    /**
     * @param raw the 32-byte encoded point
     * @throws IllegalArgumentException unless {@code raw} is 32 bytes encoding a valid point
     */
    static Ed25519PublicKey fromRaw(byte[] raw) {
        if (raw.length != BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + raw.length);
        }
        try {
            return new Ed25519PublicKey(new Ed25519PublicKeyParameters(raw));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ed25519 public key is not a valid curve point", e);
        }
    }

    @Override
    public KeyType type() {
        return KeyType.ED25519;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public boolean verify(byte[] data, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, parameters);
        verifier.update(data, 0, data.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey key && Arrays.equals(raw, key.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "PubKey[ed25519, " + HexFormat.of().formatHex(raw) + "]";
    }
}
