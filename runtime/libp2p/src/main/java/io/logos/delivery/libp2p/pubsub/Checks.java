package io.logos.delivery.libp2p.pubsub;

/** Argument checks shared by the configuration records. */
final class Checks {

    private Checks() {
    }

    /** @throws IllegalArgumentException with {@code message} unless {@code condition} holds */
    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
