package io.logos.delivery.kernel.message;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.kernel.message.MalformedMessageException.Reason;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The protobuf wire form of a {@link WakuMessage} (14/WAKU2-MESSAGE).
 *
 * <p>Encoding writes every field, empty and zero ones included, exactly as nwaku does, so the bytes
 * (and therefore gossipsub message ids) equal nwaku's for the same message; see docs/adr/0003.
 * Decoding accepts that form and the minimal proto3 form alike, and rejects what nwaku rejects:
 * a missing payload (1) or content_topic (2), and meta longer than 64 bytes. Input larger than the
 * size limit is rejected before it is parsed.
 *
 * <p>Stateless and thread-safe.
 */
public final class WakuMessageCodec {

    private WakuMessageCodec() {
    }

    /** The encoded form of {@code message}, every field written. */
    public static byte[] encode(WakuMessage message) {
        return toProto(message).toByteArray();
    }

    /**
     * The encoded form of {@code message}, refused when it would not fit {@code limit}.
     *
     * @throws IllegalArgumentException when the encoded message is larger than {@code limit}
     */
    public static byte[] encode(WakuMessage message, MessageSizeLimit limit) {
        Objects.requireNonNull(limit, "limit");
        io.logos.delivery.kernel.proto.WakuMessage proto = toProto(message);
        int size = proto.getSerializedSize();
        if (!limit.admits(size)) {
            throw new IllegalArgumentException("encoded WakuMessage is " + size
                    + " bytes, larger than the limit of " + limit.bytes() + " bytes");
        }
        return proto.toByteArray();
    }

    /** The number of bytes {@link #encode(WakuMessage)} produces for {@code message}. */
    public static int encodedSize(WakuMessage message) {
        return message.encodedSize();
    }

    /**
     * Decodes a WakuMessage.
     *
     * @throws MalformedMessageException naming what is wrong with {@code bytes}
     */
    public static WakuMessage decode(byte[] bytes, MessageSizeLimit limit) {
        Objects.requireNonNull(bytes, "bytes");
        checkSize(bytes.length, limit);
        try {
            return fromProto(io.logos.delivery.kernel.proto.WakuMessage.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw invalidProtobuf(e);
        }
    }

    /**
     * Decodes a WakuMessage from the remaining bytes of {@code buffer}. On success the buffer's
     * position moves to its limit; on failure it is left unchanged.
     *
     * @throws MalformedMessageException naming what is wrong with the bytes
     */
    public static WakuMessage decode(ByteBuffer buffer, MessageSizeLimit limit) {
        Objects.requireNonNull(buffer, "buffer");
        checkSize(buffer.remaining(), limit);
        io.logos.delivery.kernel.proto.WakuMessage proto;
        try {
            proto = io.logos.delivery.kernel.proto.WakuMessage.parseFrom(buffer);
        } catch (InvalidProtocolBufferException e) {
            throw invalidProtobuf(e);
        }
        WakuMessage message = fromProto(proto);
        buffer.position(buffer.limit());
        return message;
    }

    private static void checkSize(int size, MessageSizeLimit limit) {
        Objects.requireNonNull(limit, "limit");
        if (!limit.admits(size)) {
            throw new MalformedMessageException(Reason.TOO_LARGE, size + " bytes is larger than the limit of "
                    + limit.bytes() + " bytes");
        }
    }

    private static MalformedMessageException invalidProtobuf(InvalidProtocolBufferException e) {
        return new MalformedMessageException(Reason.INVALID_PROTOBUF, "not a valid protobuf encoding ("
                + e.getMessage() + ")", e);
    }

    private static io.logos.delivery.kernel.proto.WakuMessage toProto(WakuMessage message) {
        Objects.requireNonNull(message, "message");
        // Setting a proto3 optional field marks it present, so even empty and zero values are
        // written, in field-number order: the nwaku byte layout.
        return io.logos.delivery.kernel.proto.WakuMessage.newBuilder()
                .setPayload(ByteString.copyFrom(message.payloadBuffer()))
                .setContentTopic(message.contentTopic())
                .setVersion((int) message.version())
                .setTimestamp(message.timestamp())
                .setMeta(ByteString.copyFrom(message.meta()))
                .setRateLimitProof(ByteString.copyFrom(message.rateLimitProof()))
                .setEphemeral(message.ephemeral())
                .build();
    }

    private static WakuMessage fromProto(io.logos.delivery.kernel.proto.WakuMessage proto) {
        if (!proto.hasPayload()) {
            throw new MalformedMessageException(Reason.MISSING_FIELD, "missing required field payload (1)");
        }
        if (!proto.hasContentTopic()) {
            throw new MalformedMessageException(Reason.MISSING_FIELD, "missing required field content_topic (2)");
        }
        if (proto.getMeta().size() > WakuMessage.MAX_META_BYTES) {
            throw new MalformedMessageException(Reason.INVALID_FIELD, "meta (11) is " + proto.getMeta().size()
                    + " bytes; at most " + WakuMessage.MAX_META_BYTES + " are allowed");
        }
        return WakuMessage.builder()
                .payload(proto.getPayload().toByteArray())
                .contentTopic(proto.getContentTopic())
                .version(Integer.toUnsignedLong(proto.getVersion()))
                .timestamp(proto.getTimestamp())
                .meta(proto.getMeta().toByteArray())
                .rateLimitProof(proto.getRateLimitProof().toByteArray())
                .ephemeral(proto.getEphemeral())
                .build();
    }
}
