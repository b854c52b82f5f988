package io.logos.delivery.libp2p.security.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Collects inbound bytes and cuts them into noise-libp2p frames: a 2-byte big-endian length,
 * then that many bytes. The length field cannot exceed 65535, which bounds the buffer.
 */
final class NoiseFrameReader {

    static final int LENGTH_BYTES = 2;

    private ByteBuf cumulation;

    /** Takes ownership of {@code in}. */
    void append(ByteBufAllocator allocator, ByteBuf in) {
        cumulation = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(allocator, cumulation, in);
    }

    /** The next complete frame's body, or null until more bytes arrive. */
    byte[] next() {
        if (cumulation == null) {
            return null;
        }
        int readable = cumulation.readableBytes();
        if (readable < LENGTH_BYTES || readable < LENGTH_BYTES + cumulation.getUnsignedShort(cumulation.readerIndex())) {
            cumulation.discardSomeReadBytes();
            return null;
        }
        byte[] frame = new byte[cumulation.readUnsignedShort()];
        cumulation.readBytes(frame);
        if (!cumulation.isReadable()) {
            release();
        }
        return frame;
    }

    /** Hands over the bytes not yet cut into frames (null if none); the reader is empty after. */
    ByteBuf takeRemaining() {
        ByteBuf remaining = cumulation;
        cumulation = null;
        return remaining;
    }

    void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }
}
