package io.logos.delivery.libp2p.multiformats;

import java.util.HexFormat;
import java.util.Locale;

/**
 * Multibase text: one prefix character naming the base, then the encoded bytes. Decodes the bases
 * peer ids are seen in (base32, base58btc, base36, base16); encodes base32, the CID default.
 */
public final class Multibase {

    private Multibase() {}

    /** Encodes {@code bytes} as multibase base32 ({@code b} prefix, lower case, no padding). */
    public static String encodeBase32(byte[] bytes) {
        return "b" + Base32.encode(bytes);
    }

    /**
     * Decodes multibase text.
     *
     * @throws IllegalArgumentException for an empty text, an unsupported prefix, or a body that is
     *     not valid in the named base
     */
    public static byte[] decode(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("multibase text is empty");
        }
        char prefix = text.charAt(0);
        String body = text.substring(1);
        return switch (prefix) {
            case 'b', 'B' -> Base32.decode(body);
            case 'z' -> BaseX.BASE58_BTC.decode(body);
            case 'k', 'K' -> BaseX.BASE36.decode(body.toLowerCase(Locale.ROOT));
            case 'f', 'F' -> decodeHex(body);
            default -> throw new IllegalArgumentException("unsupported multibase prefix '" + prefix + "'");
        };
    }

    private static byte[] decodeHex(String body) {
        try {
            return HexFormat.of().parseHex(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid base16 text: " + e.getMessage(), e);
        }
    }
}
