package io.logos.delivery.libp2p.security.noise;

import java.io.IOException;

/** A Noise handshake or transport failure; the connection it happened on is closed. */
public class NoiseException extends IOException {

    public NoiseException(String message) {
        super(message);
    }

    public NoiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
