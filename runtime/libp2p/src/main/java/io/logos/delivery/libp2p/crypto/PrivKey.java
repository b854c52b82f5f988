package io.logos.delivery.libp2p.crypto;

/**
 * A libp2p private identity key. {@link #toString()} never shows the secret.
 *
 * <p>Obtain one from {@link Keys} or {@link NodeKeys}.
 */
public sealed interface PrivKey permits Ed25519PrivateKey, Secp256k1PrivateKey {

    /** The key's type. */
    KeyType type();

    /**
     * The key's bytes as carried in the protobuf's {@code Data} field: for Ed25519 the 32-byte
     * seed followed by the 32-byte public key, for secp256k1 the 32-byte big-endian scalar.
     */
    byte[] raw();

    /** Signs {@code data} by the peer-ids spec's rules for this key type. */
    byte[] sign(byte[] data);

    /** The matching public key. */
    PubKey publicKey();

    /** The libp2p {@code PrivateKey} protobuf of this key: the form libp2p stores on disk. */
    default byte[] marshal() {
        return KeyProtobufs.marshalPrivateKey(type(), raw());
    }
}
