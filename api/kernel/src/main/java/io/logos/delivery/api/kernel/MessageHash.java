package io.logos.delivery.api.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The deterministic message hash of 14/WAKU2-MESSAGE:
 * {@code SHA-256(pubsub_topic ‖ payload ‖ content_topic ‖ meta ‖ uint64_be(timestamp))}.
 *
 * <p>The timestamp is always hashed, as 8 zero bytes when absent: nwaku and go-waku do this, js-waku
 * leaves the bytes out (see docs/adr/0002). Version, ephemeral and the RLN proof are not hashed, so a
 * message keeps its identity when a proof is attached.
 */
public final class MessageHash implements Comparable<MessageHash> {

    public static final int SIZE = 32;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private MessageHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The hash of {@code message} as published on {@code pubsubTopic}. */
    public static MessageHash compute(PubsubTopic pubsubTopic, WakuMessage message) {
        MessageDigest sha256 = AutoSharding.sha256();
        sha256.update(pubsubTopic.utf8());
        sha256.update(message.payloadArray());
        sha256.update(message.contentTopic().getBytes(StandardCharsets.UTF_8));
        sha256.update(message.metaArray());
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(message.timestamp()).array());
        return new MessageHash(sha256.digest());
    }

    /**
     * Wraps 32 hash bytes.
     *
     * @throws IllegalArgumentException when {@code bytes} is not 32 bytes long
     */
    public static MessageHash of(byte[] bytes) {
        Objects.requireNonNull(bytes, "hash bytes");
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a message hash is " + SIZE + " bytes, got " + bytes.length);
        }
        return new MessageHash(bytes.clone());
    }

    /**
     * Parses 64 hex digits, with or without a {@code 0x} prefix.
     *
     * @throws IllegalArgumentException when the text is not 32 bytes of hex
     */
    public static MessageHash fromHex(String text) {
        Objects.requireNonNull(text, "hash text");
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.length() != SIZE * 2) {
            throw new IllegalArgumentException("a message hash is " + SIZE * 2 + " hex digits, got '" + text + "'");
        }
        try {
            return new MessageHash(HEX.parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a message hash is hex, got '" + text + "'", e);
        }
    }

    /** A copy of the 32 hash bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@code 0x} followed by 64 lowercase hex digits, as nwaku prints hashes. */
    public String toHex() {
        return "0x" + HEX.formatHex(bytes);
    }

    /** Orders hashes by their bytes read as unsigned numbers, the store's tie-break order. */
    @Override
    public int compareTo(MessageHash other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
