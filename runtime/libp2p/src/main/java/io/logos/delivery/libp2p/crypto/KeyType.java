package io.logos.delivery.libp2p.crypto;

/** The libp2p identity key types this stack supports. */
public enum KeyType {
    /** Ed25519 (RFC 8032); the type every libp2p implementation must support. */
    ED25519(io.logos.delivery.libp2p.crypto.pb.KeyType.Ed25519),
    /** secp256k1 ECDSA, Bitcoin encodings; nwaku's node key type and this stack's default. */
    SECP256K1(io.logos.delivery.libp2p.crypto.pb.KeyType.Secp256k1);

    private final io.logos.delivery.libp2p.crypto.pb.KeyType protobufType;

    KeyType(io.logos.delivery.libp2p.crypto.pb.KeyType protobufType) {
        this.protobufType = protobufType;
    }

    io.logos.delivery.libp2p.crypto.pb.KeyType protobufType() {
        return protobufType;
    }

    static KeyType fromProtobuf(io.logos.delivery.libp2p.crypto.pb.KeyType protobufType) {
        for (KeyType type : values()) {
            if (type.protobufType == protobufType) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "unsupported key type " + protobufType + ": only Ed25519 and Secp256k1 keys are supported");
    }
}
