package io.logos.delivery.libp2p.varint;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * The multiformats unsigned varint: 7 bits a byte, least significant group first, the high bit set on
 * every byte but the last. Used for multistream-select and mplex framing.
 */
public final class UnsignedVarint {

    /** Returned by {@link #read} when the buffer does not yet hold the whole varint. */
    public static final long INCOMPLETE = -1;

    /** The multiformats spec caps a varint at 9 bytes (63 bits). */
    public static final int MAX_BYTES = 9;

    private UnsignedVarint() {
    }

    /**
     * Reads a varint of at most {@code maxBytes} bytes at the reader index. On success the reader index
     * moves past it; when the varint is not complete yet the reader index is left where it was and
     * {@link #INCOMPLETE} is returned.
     *
     * @throws CorruptedFrameException when the varint is longer than {@code maxBytes} or not minimally encoded
     */
    public static long read(ByteBuf in, int maxBytes) {
        int start = in.readerIndex();
        int available = in.readableBytes();
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (i == available) {
                return INCOMPLETE;
            }
            int b = in.getUnsignedByte(start + i);
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                // a trailing zero group means a longer encoding than needed, which the spec forbids
                if (b == 0 && i > 0) {
                    throw new CorruptedFrameException("varint is not minimally encoded");
                }
                in.readerIndex(start + i + 1);
                return value;
            }
        }
        throw new CorruptedFrameException("varint longer than " + maxBytes + " bytes");
    }

    /** Appends {@code value} (not negative) to {@code out}. */
    public static void write(ByteBuf out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("unsigned varint cannot encode " + value);
        }
        while ((value & ~0x7fL) != 0) {
            out.writeByte((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    /** The number of bytes {@link #write} uses for {@code value}. */
    public static int encodedLength(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }
}
