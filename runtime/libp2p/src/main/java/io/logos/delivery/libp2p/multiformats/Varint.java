package io.logos.delivery.libp2p.multiformats;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Unsigned LEB128 varints as the multiformats unsigned-varint spec defines them: at most 9 bytes
 * (63 bits) and minimally encoded, so that every value has exactly one encoding.
 */
public final class Varint {

    /** The spec caps varints at 9 bytes, which carries 63 bits. */
    public static final int MAX_BYTES = 9;

    private Varint() {}

    /** Encodes {@code value}, which must not be negative. */
    public static byte[] encode(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_BYTES);
        write(value, out);
        return out.toByteArray();
    }

    /** Appends the encoding of {@code value}, which must not be negative, to {@code out}. */
    public static void write(long value, ByteArrayOutputStream out) {
        if (value < 0) {
            throw new IllegalArgumentException("varint value must not be negative, got " + value);
        }
        long rest = value;
        while (rest >= 0x80) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }

    /**
     * Reads one varint at the buffer's position and advances past it.
     *
     * @throws IllegalArgumentException if the input ends inside the varint, if it is longer than
     *     9 bytes, or if it is not minimally encoded
     */
    public static long read(ByteBuffer in) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("input ends inside a varint");
            }
            int b = in.get() & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new IllegalArgumentException("varint is not minimally encoded");
                }
                return value;
            }
        }
        throw new IllegalArgumentException("varint is longer than " + MAX_BYTES + " bytes");
    }
}
