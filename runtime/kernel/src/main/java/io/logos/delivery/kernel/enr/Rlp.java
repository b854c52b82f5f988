package io.logos.delivery.kernel.enr;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The part of RLP (Ethereum's recursive length prefix encoding) node records use. Decoding accepts only the
 * canonical encoding, so that a decoded record re-encodes to the bytes its signature covers: a single byte
 * below 0x80 stands for itself, the long forms only for more than 55 bytes, lengths without leading zeros,
 * and nothing after the item.
 */
final class Rlp {

    private static final int SHORT_LIMIT = 55;
    private static final int STRING_OFFSET = 0x80;
    private static final int LIST_OFFSET = 0xc0;

    private Rlp() {
    }

    static byte[] encodeString(byte[] value) {
        if (value.length == 1 && (value[0] & 0xff) < STRING_OFFSET) {
            return value.clone();
        }
        return withPrefix(STRING_OFFSET, value);
    }

    /** An unsigned integer: big-endian without leading zeros (zero is the empty string). */
    static byte[] encodeUnsigned(long value) {
        return encodeString(minimalBigEndian(value));
    }

    /** A list of already encoded items. */
    static byte[] encodeList(List<byte[]> encodedItems) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        encodedItems.forEach(payload::writeBytes);
        return withPrefix(LIST_OFFSET, payload.toByteArray());
    }

    private static byte[] withPrefix(int offset, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 9);
        if (payload.length <= SHORT_LIMIT) {
            out.write(offset + payload.length);
        } else {
            byte[] length = minimalBigEndian(payload.length);
            out.write(offset + SHORT_LIMIT + length.length);
            out.writeBytes(length);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** {@code value}, taken as unsigned, in big-endian bytes without leading zeros. */
    private static byte[] minimalBigEndian(long value) {
        int length = Long.BYTES - Long.numberOfLeadingZeros(value) / Byte.SIZE;
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (value >>> (Byte.SIZE * (length - 1 - i)));
        }
        return bytes;
    }

    /** Reads exactly one item spanning all of {@code input}. */
    static RlpItem decode(byte[] input) {
        Reader reader = new Reader(input);
        RlpItem item = reader.item(input.length);
        if (reader.position != input.length) {
            throw new InvalidEnrException("not valid RLP: " + (input.length - reader.position)
                    + " bytes follow the item");
        }
        return item;
    }

    /**
     * An unsigned integer of at most {@code maxBytes} bytes, written without leading zeros.
     *
     * @param what names the value in the error message
     */
    static long decodeUnsigned(byte[] bytes, int maxBytes, String what) {
        if (bytes.length > maxBytes) {
            throw new InvalidEnrException(what + " is " + bytes.length + " bytes, at most " + maxBytes + " allowed");
        }
        if (bytes.length > 0 && bytes[0] == 0) {
            throw new InvalidEnrException(what + " is not a canonical integer: it has a leading zero byte");
        }
        long value = 0;
        for (byte b : bytes) {
            value = (value << Byte.SIZE) | (b & 0xff);
        }
        return value;
    }

    private static final class Reader {
        private final byte[] input;
        private int position;

        Reader(byte[] input) {
            this.input = input;
        }

        /** Reads the item at the current position, which must end by {@code end}. */
        RlpItem item(int end) {
            int start = position;
            if (start >= end) {
                throw truncated();
            }
            int prefix = input[position++] & 0xff;
            if (prefix < STRING_OFFSET) {
                return new RlpItem(new byte[] {(byte) prefix}, false, new byte[] {(byte) prefix}, List.of());
            }
            boolean list = prefix >= LIST_OFFSET;
            int length = payloadLength(prefix - (list ? LIST_OFFSET : STRING_OFFSET), end);
            int payloadEnd = position + length;
            if (list) {
                List<RlpItem> children = new ArrayList<>();
                while (position < payloadEnd) {
                    children.add(item(payloadEnd));
                }
                return new RlpItem(Arrays.copyOfRange(input, start, payloadEnd), true, new byte[0], children);
            }
            byte[] payload = Arrays.copyOfRange(input, position, payloadEnd);
            if (length == 1 && (payload[0] & 0xff) < STRING_OFFSET) {
                throw new InvalidEnrException("not valid RLP: the byte 0x" + Integer.toHexString(payload[0])
                        + " at offset " + start + " must be encoded as itself");
            }
            position = payloadEnd;
            return new RlpItem(Arrays.copyOfRange(input, start, payloadEnd), false, payload, List.of());
        }

        /** The payload length a prefix (less its offset) announces; reads the long form's length bytes. */
        private int payloadLength(int shortLength, int end) {
            long length;
            if (shortLength <= SHORT_LIMIT) {
                length = shortLength;
            } else {
                int lengthBytes = shortLength - SHORT_LIMIT;
                if (lengthBytes > Integer.BYTES) {
                    throw new InvalidEnrException("not valid RLP: a length of " + lengthBytes + " bytes at offset "
                            + position);
                }
                if (position + lengthBytes > end) {
                    throw truncated();
                }
                if (input[position] == 0) {
                    throw new InvalidEnrException("not valid RLP: a length at offset " + position
                            + " has a leading zero byte");
                }
                length = 0;
                for (int i = 0; i < lengthBytes; i++) {
                    length = (length << Byte.SIZE) | (input[position++] & 0xff);
                }
                if (length <= SHORT_LIMIT) {
                    throw new InvalidEnrException("not valid RLP: the long form is used for " + length
                            + " bytes, which the short form encodes");
                }
            }
            if (length > end - position) {
                throw truncated();
            }
            return (int) length;
        }

        private InvalidEnrException truncated() {
            return new InvalidEnrException("not valid RLP: an item at offset " + position
                    + " runs past the end of its enclosing data");
        }
    }
}
