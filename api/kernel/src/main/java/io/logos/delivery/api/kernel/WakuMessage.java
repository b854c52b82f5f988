package io.logos.delivery.api.kernel;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The Waku message envelope (14/WAKU2-MESSAGE): an immutable value, validated when built.
 *
 * <p>Absent and empty byte fields are the same thing here, as they are on the wire and in the
 * {@linkplain MessageHash deterministic hash}; an absent timestamp is 0.
 */
public final class WakuMessage {

    /** nwaku rejects a message whose {@code meta} is longer than this. */
    public static final int MAX_META_BYTES = 64;

    /** The largest value of the unsigned 32-bit {@code version} field. */
    public static final long MAX_VERSION = 0xFFFF_FFFFL;

    private static final byte[] EMPTY = new byte[0];

    private final byte[] payload;
    private final String contentTopic;
    private final long version;
    private final long timestamp;
    private final byte[] meta;
    private final byte[] rateLimitProof;
    private final boolean ephemeral;

    private WakuMessage(Builder builder) {
        this.payload = Objects.requireNonNull(builder.payload, "payload");
        this.contentTopic = Objects.requireNonNull(builder.contentTopic, "content topic is required");
        if (builder.version < 0 || builder.version > MAX_VERSION) {
            throw new IllegalArgumentException("version " + builder.version + " is outside 0.." + MAX_VERSION);
        }
        this.version = builder.version;
        this.timestamp = builder.timestamp;
        this.meta = Objects.requireNonNull(builder.meta, "meta");
        if (meta.length > MAX_META_BYTES) {
            throw new IllegalArgumentException("meta is " + meta.length + " bytes; at most " + MAX_META_BYTES
                    + " are allowed");
        }
        this.rateLimitProof = Objects.requireNonNull(builder.rateLimitProof, "rate limit proof");
        this.ephemeral = builder.ephemeral;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this message's fields, for making a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.payload = payload;
        builder.contentTopic = contentTopic;
        builder.version = version;
        builder.timestamp = timestamp;
        builder.meta = meta;
        builder.rateLimitProof = rateLimitProof;
        builder.ephemeral = ephemeral;
        return builder;
    }

    /**
     * The size of this message in protobuf as nwaku writes it — every field present, empty ones included — which
     * is what message size limits are checked against.
     */
    public int encodedSize() {
        int topicBytes = contentTopic.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return lengthDelimited(1, payload.length) + lengthDelimited(1, topicBytes)
                + 1 + varintSize(version)
                + 1 + varintSize((timestamp << 1) ^ (timestamp >> 63))
                + lengthDelimited(1, meta.length)
                + lengthDelimited(2, rateLimitProof.length)
                + 2 + 1;
    }

    private static int lengthDelimited(int tagBytes, int length) {
        return tagBytes + varintSize(length) + length;
    }

    private static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** A copy of the payload. */
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload without copying it. */
    public ByteBuffer payloadBuffer() {
        return ByteBuffer.wrap(payload).asReadOnlyBuffer();
    }

    public int payloadSize() {
        return payload.length;
    }

    /** The content topic exactly as carried on the wire. */
    public String contentTopic() {
        return contentTopic;
    }

    /** The payload version: 0 unencrypted, 1 for 26/WAKU-PAYLOAD, 2 for Noise. */
    public long version() {
        return version;
    }

    /** Sender timestamp in Unix epoch nanoseconds; 0 when absent. */
    public long timestamp() {
        return timestamp;
    }

    /** A copy of the meta field (empty when absent). */
    public byte[] meta() {
        return meta.clone();
    }

    /** A copy of the encoded RLN {@code RateLimitProof} (empty when absent). */
    public byte[] rateLimitProof() {
        return rateLimitProof.clone();
    }

    /** An ephemeral message is relayed but never stored. */
    public boolean ephemeral() {
        return ephemeral;
    }

    byte[] payloadArray() {
        return payload;
    }

    byte[] metaArray() {
        return meta;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WakuMessage that
                && version == that.version
                && timestamp == that.timestamp
                && ephemeral == that.ephemeral
                && contentTopic.equals(that.contentTopic)
                && Arrays.equals(payload, that.payload)
                && Arrays.equals(meta, that.meta)
                && Arrays.equals(rateLimitProof, that.rateLimitProof);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(contentTopic, version, timestamp, ephemeral);
        result = 31 * result + Arrays.hashCode(payload);
        result = 31 * result + Arrays.hashCode(meta);
        return 31 * result + Arrays.hashCode(rateLimitProof);
    }

    @Override
    public String toString() {
        return "WakuMessage[contentTopic=" + contentTopic + ", payload=" + payload.length + " bytes, version="
                + version + ", timestamp=" + timestamp + ", meta=" + HexFormat.of().formatHex(meta)
                + ", proof=" + rateLimitProof.length + " bytes, ephemeral=" + ephemeral + "]";
    }

    /** Collects the fields of a {@link WakuMessage}; {@link #build()} validates them. */
    public static final class Builder {
        private byte[] payload = EMPTY;
        private String contentTopic;
        private long version;
        private long timestamp;
        private byte[] meta = EMPTY;
        private byte[] rateLimitProof = EMPTY;
        private boolean ephemeral;

        private Builder() {
        }

        public Builder payload(byte[] payload) {
            this.payload = Objects.requireNonNull(payload, "payload").clone();
            return this;
        }

        public Builder contentTopic(ContentTopic contentTopic) {
            return contentTopic(contentTopic.value());
        }

        /** Sets the content topic as a raw string: received messages keep whatever the sender wrote. */
        public Builder contentTopic(String contentTopic) {
            this.contentTopic = Objects.requireNonNull(contentTopic, "content topic");
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /** Unix epoch nanoseconds; 0 means absent. */
        public Builder timestamp(long timestampNanos) {
            this.timestamp = timestampNanos;
            return this;
        }

        public Builder meta(byte[] meta) {
            this.meta = Objects.requireNonNull(meta, "meta").clone();
            return this;
        }

        public Builder rateLimitProof(byte[] proof) {
            this.rateLimitProof = Objects.requireNonNull(proof, "rate limit proof").clone();
            return this;
        }

        public Builder ephemeral(boolean ephemeral) {
            this.ephemeral = ephemeral;
            return this;
        }

        /**
         * @throws NullPointerException when no content topic was set
         * @throws IllegalArgumentException when a field is out of range, naming it
         */
        public WakuMessage build() {
            return new WakuMessage(this);
        }
    }
}
