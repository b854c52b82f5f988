package io.logos.delivery.libp2p.multiformats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints as the multiformats unsigned-varint spec defines them: 7 bits a byte,
 * least significant group first, at most 9 bytes (63 bits) and minimally encoded, so that every value
 * has exactly one encoding. Used by multiaddrs, peer ids, multistream-select and mplex framing.
 */
public final class Varint {

    /** The spec caps varints at 9 bytes, which carries 63 bits. */
    public static final int MAX_BYTES = 9;

    /** Returned by {@link #read(ByteBuf, int)} when the buffer does not yet hold the whole varint. */
    public static final long INCOMPLETE = -1;

    private Varint() {}

    /**
     * Reads a varint of at most {@code maxBytes} bytes at the reader index, for stream decoders. On success
     * the reader index moves past it; when the varint is not complete yet the reader index is left where it
     * was and {@link #INCOMPLETE} is returned.
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

    /**
     * Reads one complete varint at the buffer's position and advances past it.
     *
     * @throws IllegalArgumentException if the input ends inside the varint, if it is longer than
     *     9 bytes, or if it is not minimally encoded
     */
    public static long read(ByteBuffer in) {
        ByteBuf view = Unpooled.wrappedBuffer(in.slice());
        long value;
        try {
            value = read(view, MAX_BYTES);
        } catch (CorruptedFrameException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (value == INCOMPLETE) {
            throw new IllegalArgumentException("input ends inside a varint");
        }
        in.position(in.position() + view.readerIndex());
        return value;
    }

    /** Appends {@code value}, which must not be negative, to {@code out}. */
    public static void write(ByteBuf out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint value must not be negative, got " + value);
        }
        while ((value & ~0x7fL) != 0) {
            out.writeByte((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    /** Appends the encoding of {@code value}, which must not be negative, to {@code out}. */
    public static void write(long value, ByteArrayOutputStream out) {
        out.writeBytes(encode(value));
    }

    /** Encodes {@code value}, which must not be negative. */
    public static byte[] encode(long value) {
        ByteBuf out = Unpooled.buffer(MAX_BYTES);
        write(out, value);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /** The number of bytes the encoding of {@code value} takes. */
    public static int encodedLength(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }
}
