package io.logos.delivery.libp2p.multiformats;

/**
 * RFC 4648 base32 without padding, lower case (multibase {@code b}, the default text form of
 * CIDs). Decoding takes either case and rejects anything that is not a canonical encoding.
 */
public final class Base32 {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private Base32() {}

    /** Encodes {@code bytes} as lower-case base32 without padding. */
    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1F));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1F));
        }
        return out.toString();
    }

    /**
     * Decodes unpadded base32 in either case.
     *
     * @throws IllegalArgumentException for a character outside the alphabet, a length no encoding
     *     has, or non-zero unused trailing bits
     */
    public static byte[] decode(String text) {
        int remainder = text.length() % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("base32 text of length " + text.length() + " cannot be a whole number of bytes");
        }
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = ALPHABET.indexOf(Character.toLowerCase(text.charAt(i)));
            if (digit < 0) {
                throw new IllegalArgumentException("'" + text.charAt(i) + "' at position " + i + " is not a base32 character");
            }
            buffer = (buffer << 5) | digit;
            bits += 5;
            if (bits >= 8) {
                out[written++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("base32 text has non-zero trailing bits");
        }
        return out;
    }
}
