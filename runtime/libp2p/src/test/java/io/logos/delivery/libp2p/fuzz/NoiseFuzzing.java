package io.logos.delivery.libp2p.fuzz;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.crypto.PrivKey;
import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.noise.pb.NoiseExtensions;
import io.logos.delivery.libp2p.security.noise.pb.NoiseHandshakePayload;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** What the Noise fuzz targets share: identities, libp2p handshake payloads, framing. */
final class NoiseFuzzing {

    /** The identity of the real stack under test. */
    static final PrivKey LOCAL_KEY = Keys.generate(KeyType.ED25519, KeysFuzzTest.seeded(3));
    /** The identities the fuzzed peer may claim. */
    static final PrivKey REMOTE_SECP256K1 = Keys.generate(KeyType.SECP256K1, KeysFuzzTest.seeded(4));
    static final PrivKey REMOTE_ED25519 = Keys.generate(KeyType.ED25519, KeysFuzzTest.seeded(5));

    private static final byte[] SIGNATURE_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.UTF_8);
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    private NoiseFuzzing() {
    }

    static byte[] signedData(byte[] staticPublicKey) {
        byte[] data = Arrays.copyOf(SIGNATURE_PREFIX, SIGNATURE_PREFIX.length + staticPublicKey.length);
        System.arraycopy(staticPublicKey, 0, data, SIGNATURE_PREFIX.length, staticPublicKey.length);
        return data;
    }

    /** A frame of the libp2p Noise wire format: 2-byte big-endian length, then the message. */
    static byte[] frame(byte[] message) {
        byte[] framed = new byte[2 + message.length];
        framed[0] = (byte) (message.length >>> 8);
        framed[1] = (byte) message.length;
        System.arraycopy(message, 0, framed, 2, message.length);
        return framed;
    }

    /** The frames in {@code bytes}, which must be whole frames. */
    static java.util.List<byte[]> unframe(byte[] bytes) {
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            int length = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
            frames.add(Arrays.copyOfRange(bytes, at + 2, at + 2 + length));
            at += 2 + length;
        }
        return frames;
    }

    /** The u-coordinate an X25519 public key stands for (RFC 7748: top bit masked, reduced mod p). */
    static BigInteger u(byte[] publicKey) {
        byte[] littleEndian = publicKey.clone();
        littleEndian[31] &= 0x7F;
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = littleEndian[31 - i];
        }
        return new BigInteger(1, bigEndian).mod(P);
    }

    /**
     * Builds a handshake payload as a fuzz input describes it: the claimed identity, whether the key
     * and signature are present, what the signature covers, arbitrary replacements, extensions.
     */
    static byte[] payload(FuzzInput in, byte[] staticKeySent) {
        int flags = in.u8();
        if ((flags & 0x80) != 0) {
            return in.chunk(); // raw bytes, whatever they are
        }
        PrivKey identity = (flags & 1) == 0 ? REMOTE_ED25519 : REMOTE_SECP256K1;
        NoiseHandshakePayload.Builder payload = NoiseHandshakePayload.newBuilder();
        if ((flags & 2) == 0) {
            payload.setIdentityKey(ByteString.copyFrom((flags & 8) == 0 ? identity.publicKey().marshal() : in.chunk()));
        }
        if ((flags & 4) == 0) {
            byte[] signature = (flags & 16) == 0
                    ? identity.sign(signedData(staticKeySent))
                    : (flags & 32) == 0 ? in.chunk() : identity.sign(signedData(new byte[32]));
            payload.setIdentitySig(ByteString.copyFrom(signature));
        }
        if ((flags & 64) != 0) {
            NoiseExtensions.Builder extensions = NoiseExtensions.newBuilder();
            int count = in.u8() % 4;
            for (int i = 0; i < count; i++) {
                extensions.addStreamMuxers(new String(in.chunk(), StandardCharsets.UTF_8));
                extensions.addWebtransportCerthashes(ByteString.copyFrom(in.chunk()));
            }
            payload.setExtensions(extensions);
        }
        return payload.build().toByteArray();
    }

    /**
     * The peer a correct implementation authenticates from {@code payload} sent with the static key
     * {@code staticKeySent}, or empty when it must reject the payload. Decided with the protobuf
     * classes and {@link Keys}, which have targets of their own.
     */
    static Optional<PeerId> authenticates(byte[] payload, byte[] staticKeySent) {
        NoiseHandshakePayload message;
        try {
            message = NoiseHandshakePayload.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
        if (!message.hasIdentityKey() || !message.hasIdentitySig()) {
            return Optional.empty();
        }
        PubKey key;
        try {
            key = Keys.unmarshalPublicKey(message.getIdentityKey().toByteArray());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return key.verify(signedData(staticKeySent), message.getIdentitySig().toByteArray())
                ? Optional.of(PeerId.fromPublicKey(key)) : Optional.empty();
    }

    /** Applies the tampering a fuzz input asks for to the last message; returns whether it changed. */
    static byte[] tamper(FuzzInput in, byte[] message) {
        int kind = in.u8() % 4;
        int where = in.u16();
        return switch (kind) {
            case 1 -> {
                if (message.length == 0) {
                    yield message;
                }
                byte[] flipped = message.clone();
                flipped[where % message.length] ^= (byte) (1 << (where >>> 13));
                yield flipped;
            }
            case 2 -> message.length == 0 ? message : Arrays.copyOf(message, where % message.length);
            case 3 -> {
                byte[] extra = in.chunk();
                byte[] longer = Arrays.copyOf(message, message.length + extra.length);
                System.arraycopy(extra, 0, longer, message.length, extra.length);
                yield longer;
            }
            default -> message;
        };
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The handler after the security layer: collects the plaintext passed on. */
    static final class Plaintext extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        Throwable exception;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!(msg instanceof ByteBuf bytes)) {
                    throw new AssertionError("a " + msg.getClass().getName() + " was passed on, not bytes");
                }
                byte[] chunk = new byte[bytes.readableBytes()];
                bytes.readBytes(chunk);
                received.writeBytes(chunk);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exception = cause;
        }
    }
}
