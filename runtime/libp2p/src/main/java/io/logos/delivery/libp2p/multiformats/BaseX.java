package io.logos.delivery.libp2p.multiformats;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A big-number base-x codec (the scheme of base58btc and base36): the bytes are read as one
 * unsigned big-endian number written in the alphabet, and each leading zero byte becomes one
 * leading copy of the alphabet's first character.
 */
public final class BaseX {

    /** Bitcoin's base58 alphabet (multibase {@code z}, legacy peer ids). */
    public static final BaseX BASE58_BTC =
            new BaseX("base58btc", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

    /** Lower-case base36 (multibase {@code k}; {@code K} is the same digits in upper case). */
    public static final BaseX BASE36 = new BaseX("base36", "0123456789abcdefghijklmnopqrstuvwxyz");

    private final String name;
    private final String alphabet;
    private final BigInteger radix;
    private final int[] digitOf = new int[128];

    private BaseX(String name, String alphabet) {
        this.name = name;
        this.alphabet = alphabet;
        this.radix = BigInteger.valueOf(alphabet.length());
        Arrays.fill(digitOf, -1);
        for (int i = 0; i < alphabet.length(); i++) {
            digitOf[alphabet.charAt(i)] = i;
        }
    }

    /** Encodes {@code bytes} in this alphabet. */
    public String encode(byte[] bytes) {
        int leadingZeros = 0;
        while (leadingZeros < bytes.length && bytes[leadingZeros] == 0) {
            leadingZeros++;
        }
        StringBuilder digits = new StringBuilder();
        BigInteger rest = new BigInteger(1, bytes);
        while (rest.signum() > 0) {
            BigInteger[] quotientAndRemainder = rest.divideAndRemainder(radix);
            digits.append(alphabet.charAt(quotientAndRemainder[1].intValue()));
            rest = quotientAndRemainder[0];
        }
        digits.append(String.valueOf(alphabet.charAt(0)).repeat(leadingZeros));
        return digits.reverse().toString();
    }

    /**
     * Decodes {@code text}, which must hold only characters of this alphabet.
     *
     * @throws IllegalArgumentException naming the first character outside the alphabet
     */
    public byte[] decode(String text) {
        int leadingZeros = 0;
        while (leadingZeros < text.length() && text.charAt(leadingZeros) == alphabet.charAt(0)) {
            leadingZeros++;
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < digitOf.length ? digitOf[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException(
                        "'" + c + "' at position " + i + " is not a " + name + " character");
            }
            value = value.multiply(radix).add(BigInteger.valueOf(digit));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[leadingZeros]);
        if (value.signum() > 0) {
            byte[] magnitude = value.toByteArray();
            // toByteArray adds a sign byte when the top bit is set
            int signByte = magnitude[0] == 0 ? 1 : 0;
            out.write(magnitude, signByte, magnitude.length - signByte);
        }
        return out.toByteArray();
    }
}
