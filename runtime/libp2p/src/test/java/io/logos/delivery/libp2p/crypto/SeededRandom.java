package io.logos.delivery.libp2p.crypto;

import java.security.SecureRandom;
import java.util.Random;

/** A SecureRandom whose output a test's seed fixes, so that failing random cases reproduce. */
public final class SeededRandom extends SecureRandom {

    private final Random source;

    public SeededRandom(long seed) {
        this.source = new Random(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        source.nextBytes(bytes);
    }
}
