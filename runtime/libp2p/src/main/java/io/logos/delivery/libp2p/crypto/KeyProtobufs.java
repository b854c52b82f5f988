package io.logos.delivery.libp2p.crypto;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.libp2p.crypto.pb.PrivateKey;
import io.logos.delivery.libp2p.crypto.pb.PublicKey;

/** The libp2p key protobufs: built fresh on encode so unknown fields never reach a peer id. */
final class KeyProtobufs {

    private KeyProtobufs() {}

    static byte[] marshalPublicKey(KeyType type, byte[] raw) {
        return PublicKey.newBuilder()
                .setType(type.protobufType())
                .setData(ByteString.copyFrom(raw))
                .build()
                .toByteArray();
    }

    static byte[] marshalPrivateKey(KeyType type, byte[] raw) {
        return PrivateKey.newBuilder()
                .setType(type.protobufType())
                .setData(ByteString.copyFrom(raw))
                .build()
                .toByteArray();
    }

    static PublicKey parsePublicKey(byte[] protobuf) {
        try {
            return PublicKey.parseFrom(protobuf);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a libp2p PublicKey protobuf: " + e.getMessage(), e);
        }
    }

    static PrivateKey parsePrivateKey(byte[] protobuf) {
        try {
            return PrivateKey.parseFrom(protobuf);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a libp2p PrivateKey protobuf: " + e.getMessage(), e);
        }
    }
}
