package io.logos.delivery.libp2p.crypto;

/**
 * A libp2p public identity key. Equal keys have equal type and {@link #raw()} bytes.
 *
 * <p>Obtain one from {@link PrivKey#publicKey()} or {@link Keys#unmarshalPublicKey(byte[])}.
 */
public sealed interface PubKey permits Ed25519PublicKey, Secp256k1PublicKey {

    /** The key's type. */
    KeyType type();

    /**
     * The key's bytes as carried in the protobuf's {@code Data} field: 32 raw bytes for Ed25519,
     * the 33-byte compressed point for secp256k1.
     */
    byte[] raw();

    /**
     * Checks {@code signature} over {@code data} by the peer-ids spec's rules for this key type.
     * Returns false for a malformed signature as for a wrong one.
     */
    boolean verify(byte[] data, byte[] signature);

    /** The libp2p {@code PublicKey} protobuf of this key: the form hashed into a peer id. */
    default byte[] marshal() {
        return KeyProtobufs.marshalPublicKey(type(), raw());
    }
}
