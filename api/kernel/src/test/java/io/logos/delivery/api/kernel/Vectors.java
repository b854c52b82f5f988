package io.logos.delivery.api.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Inputs shared by the test vectors of spec/core.md §5, and independent reference hash functions. */
final class Vectors {

    static final HexFormat HEX = HexFormat.of();

    /** {@code \x01\x02\x03\x04TEST\x05\x06\x07\x08}. */
    static final byte[] PAYLOAD12 = HEX.parseHex("010203045445535405060708");
    static final String DEFAULT_CONTENT_TOPIC = "/waku/2/default-content/proto";
    /** "super-secret". */
    static final byte[] META12 = HEX.parseHex("73757065722d736563726574");
    /** Bytes 0x00..0x3f. */
    static final byte[] META64 = meta64();
    /** 1681964442 s in nanoseconds. */
    static final long TS = 0x175789bfa23f8400L;
    static final String DEFAULT_WAKU = "/waku/2/default-waku/proto";
    static final String RS_0_0 = "/waku/2/rs/0/0";

    private Vectors() {
    }

    private static byte[] meta64() {
        byte[] meta = new byte[64];
        for (int i = 0; i < meta.length; i++) {
            meta[i] = (byte) i;
        }
        return meta;
    }

    static WakuMessage message(byte[] payload, String contentTopic, byte[] meta, long timestamp) {
        return WakuMessage.builder().payload(payload).contentTopic(contentTopic).meta(meta).timestamp(timestamp)
                .build();
    }

    static String hex(MessageHash hash) {
        return HEX.formatHex(hash.bytes());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** nwaku / go-waku rule, written independently of MessageHash: the 8 timestamp bytes are always hashed. */
    static byte[] nwakuStyle(String pubsub, byte[] payload, String contentTopic, byte[] meta, long timestamp) {
        MessageDigest sha = sha256();
        sha.update(pubsub.getBytes(StandardCharsets.UTF_8));
        sha.update(payload);
        sha.update(contentTopic.getBytes(StandardCharsets.UTF_8));
        sha.update(meta);
        sha.update(ByteBuffer.allocate(8).putLong(timestamp).array());
        return sha.digest();
    }

    /** js-waku rule: a timestamp of 0 (absent) contributes nothing. */
    static byte[] jsStyle(String pubsub, byte[] payload, String contentTopic, byte[] meta, long timestamp) {
        MessageDigest sha = sha256();
        sha.update(pubsub.getBytes(StandardCharsets.UTF_8));
        sha.update(payload);
        sha.update(contentTopic.getBytes(StandardCharsets.UTF_8));
        sha.update(meta);
        if (timestamp != 0) {
            sha.update(ByteBuffer.allocate(8).putLong(timestamp).array());
        }
        return sha.digest();
    }
}
