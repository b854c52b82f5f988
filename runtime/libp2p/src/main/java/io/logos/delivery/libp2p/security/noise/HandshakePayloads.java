package io.logos.delivery.libp2p.security.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.security.noise.pb.NoiseHandshakePayload;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The libp2p handshake payload: the identity public key and its signature over
 * {@code "noise-libp2p-static-key:" ‖ Noise static public key}, binding the Noise static key to
 * the peer's identity.
 */
final class HandshakePayloads {

    private static final byte[] SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.UTF_8);

    private HandshakePayloads() {}

    /** The payload proving that {@code identityKey} owns the Noise static key {@code staticPublicKey}. */
    static byte[] create(PrivKey identityKey, byte[] staticPublicKey) {
        return NoiseHandshakePayload.newBuilder()
                .setIdentityKey(ByteString.copyFrom(identityKey.publicKey().marshal()))
                .setIdentitySig(ByteString.copyFrom(identityKey.sign(signedData(staticPublicKey))))
                .build()
                .toByteArray();
    }

    /**
     * Checks a remote payload against the static key the remote used in the handshake.
     *
     * @return the remote identity key, now authenticated
     * @throws NoiseException if the payload is malformed, lacks a field, carries an invalid key,
     *     or its signature does not cover {@code remoteStaticKey}
     */
    static PubKey verify(byte[] payload, byte[] remoteStaticKey) throws NoiseException {
        NoiseHandshakePayload message;
        try {
            message = NoiseHandshakePayload.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new NoiseException("remote Noise handshake payload is not a valid protobuf: " + e.getMessage(), e);
        }
        if (!message.hasIdentityKey() || !message.hasIdentitySig()) {
            throw new NoiseException("remote Noise handshake payload lacks its identity key or signature");
        }
        PubKey identityKey;
        try {
            identityKey = Keys.unmarshalPublicKey(message.getIdentityKey().toByteArray());
        } catch (IllegalArgumentException e) {
            throw new NoiseException("remote identity key is unusable: " + e.getMessage(), e);
        }
        if (!identityKey.verify(signedData(remoteStaticKey), message.getIdentitySig().toByteArray())) {
            throw new NoiseException("remote identity signature does not cover its Noise static key");
        }
        return identityKey;
    }

    private static byte[] signedData(byte[] staticPublicKey) {
        byte[] data = Arrays.copyOf(SIGNATURE_PREFIX, SIGNATURE_PREFIX.length + staticPublicKey.length);
        System.arraycopy(staticPublicKey, 0, data, SIGNATURE_PREFIX.length, staticPublicKey.length);
        return data;
    }
}
