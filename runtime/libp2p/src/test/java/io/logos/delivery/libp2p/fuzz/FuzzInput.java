package io.logos.delivery.libp2p.fuzz;

import java.util.Arrays;

/**
 * Reads a fuzz input front to back as a little structured stream, so the seed files of the
 * structured targets are easy to write ({@link SeedCorpus}) and libFuzzer's byte mutations map onto
 * fields. Past the end every read yields zeros or empty arrays, never an exception.
 */
final class FuzzInput {

    private final byte[] data;
    private int position;

    FuzzInput(byte[] data) {
        this.data = data;
    }

    boolean hasMore() {
        return position < data.length;
    }

    int remaining() {
        return data.length - position;
    }

    int u8() {
        return position < data.length ? data[position++] & 0xFF : 0;
    }

    int u16() {
        return (u8() << 8) | u8();
    }

    long u32() {
        return ((long) u16() << 16) | u16();
    }

    boolean bool() {
        return (u8() & 1) == 1;
    }

    /** {@code count} bytes, fewer when the input ends first. */
    byte[] bytes(int count) {
        int n = Math.min(count, remaining());
        byte[] out = Arrays.copyOfRange(data, position, position + n);
        position += n;
        return out;
    }

    /** Exactly {@code count} bytes, padded with zeros when the input ends first. */
    byte[] fixed(int count) {
        return Arrays.copyOf(bytes(count), count);
    }

    /** A u16 length, then that many bytes (fewer when the input ends). */
    byte[] chunk() {
        return bytes(u16());
    }

    /** Everything not read yet. */
    byte[] rest() {
        return bytes(remaining());
    }

    /** Builds inputs in the format {@link FuzzInput} reads, for seeds. */
    static final class Builder {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Builder u8(int value) {
            out.write(value);
            return this;
        }

        Builder u16(int value) {
            return u8(value >>> 8).u8(value);
        }

        Builder u32(long value) {
            return u16((int) (value >>> 16)).u16((int) value);
        }

        Builder bytes(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Builder chunk(byte[] bytes) {
            return u16(bytes.length).bytes(bytes);
        }

        byte[] build() {
            return out.toByteArray();
        }
    }
}
