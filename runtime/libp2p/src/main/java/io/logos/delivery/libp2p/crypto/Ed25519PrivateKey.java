package io.logos.delivery.libp2p.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 private key. Its protobuf form is the 32-byte seed followed by the 32-byte public
 * key; the older 96-byte form (public key twice) is still read, as the peer-ids spec asks.
 */
final class Ed25519PrivateKey implements PrivKey {

    private static final int SEED_BYTES = Ed25519PrivateKeyParameters.KEY_SIZE;

    private final Ed25519PrivateKeyParameters parameters;
    private final Ed25519PublicKey publicKey;

    Ed25519PrivateKey(Ed25519PrivateKeyParameters parameters) {
        this.parameters = parameters;
        this.publicKey = Ed25519PublicKey.of(parameters.generatePublicKey());
    }

    /**
     * @param raw seed ‖ public key (64 bytes), or seed ‖ public key ‖ public key (96 bytes)
     * @throws IllegalArgumentException for another length, differing public key copies, or a
     *     public key that does not belong to the seed
     */
    static Ed25519PrivateKey fromRaw(byte[] raw) {
        int publicBytes = Ed25519PublicKey.BYTES;
        if (raw.length != SEED_BYTES + publicBytes && raw.length != SEED_BYTES + 2 * publicBytes) {
            throw new IllegalArgumentException(
                    "an Ed25519 private key is 64 bytes (seed and public key) or 96 bytes (legacy), got " + raw.length);
        }
        byte[] embeddedPublic = Arrays.copyOfRange(raw, SEED_BYTES, SEED_BYTES + publicBytes);
        if (raw.length > SEED_BYTES + publicBytes
                && !Arrays.equals(embeddedPublic, Arrays.copyOfRange(raw, SEED_BYTES + publicBytes, raw.length))) {
            throw new IllegalArgumentException("legacy 96-byte Ed25519 private key holds two different public keys");
        }
        Ed25519PrivateKey key = new Ed25519PrivateKey(new Ed25519PrivateKeyParameters(raw, 0));
        if (!Arrays.equals(embeddedPublic, key.publicKey.raw())) {
            throw new IllegalArgumentException("Ed25519 private key's public half does not belong to its seed");
        }
        return key;
    }

    @Override
    public KeyType type() {
        return KeyType.ED25519;
    }

    @Override
    public byte[] raw() {
        byte[] raw = Arrays.copyOf(parameters.getEncoded(), SEED_BYTES + Ed25519PublicKey.BYTES);
        System.arraycopy(publicKey.raw(), 0, raw, SEED_BYTES, Ed25519PublicKey.BYTES);
        return raw;
    }

    @Override
    public byte[] sign(byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, parameters);
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    @Override
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PrivateKey key && Arrays.equals(parameters.getEncoded(), key.parameters.getEncoded());
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    @Override
    public String toString() {
        return "PrivKey[ed25519, public " + publicKey + "]";
    }
}
