package io.logos.delivery.kernel.service;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Request ids as nwaku's client makes them: 10 random bytes in lowercase hex. */
public final class RequestIds {

    private static final int BYTES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private RequestIds() {
    }

    public static String next() {
        byte[] id = new byte[BYTES];
        RANDOM.nextBytes(id);
        return HEX.formatHex(id);
    }
}
