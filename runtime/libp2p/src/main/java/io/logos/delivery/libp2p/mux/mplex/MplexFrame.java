package io.logos.delivery.libp2p.mux.mplex;

import io.logos.delivery.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * One mplex frame: varint {@code streamId << 3 | flag}, varint length, then the payload. An oversized
 * frame arrives without payload (the decoder discards it) so the session can reset its stream.
 *
 * @param length the payload length announced in the frame
 */
record MplexFrame(long streamId, int flag, ByteBuf payload, long length, boolean oversized) {

    static final int NEW_STREAM = 0;
    static final int MESSAGE_RECEIVER = 1;
    static final int MESSAGE_INITIATOR = 2;
    static final int CLOSE_RECEIVER = 3;
    static final int CLOSE_INITIATOR = 4;
    static final int RESET_RECEIVER = 5;
    static final int RESET_INITIATOR = 6;

    /** The largest stream id: 60 bits, so the header fits the 9-byte varint limit. */
    static final long MAX_STREAM_ID = (1L << 60) - 1;

    /** Whether the sender opened the stream, so for the receiver the stream is one the peer opened. */
    boolean sentByInitiator() {
        return flag % 2 == 0;
    }

    static MplexFrame oversized(long streamId, int flag, long length) {
        return new MplexFrame(streamId, flag, null, length, true);
    }

    /** Encodes a frame; the payload (may be {@code null} for none) follows the header without a copy. */
    static ByteBuf encode(ByteBufAllocator alloc, long streamId, int flag, ByteBuf payload) {
        int length = payload == null ? 0 : payload.readableBytes();
        ByteBuf header = alloc.buffer(2 * Varint.MAX_BYTES);
        Varint.write(header, streamId << 3 | flag);
        Varint.write(header, length);
        return payload == null ? header : Unpooled.wrappedBuffer(header, payload);
    }
}
