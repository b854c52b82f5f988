package io.logos.delivery.libp2p.framed;

import java.io.IOException;

/** A peer announced a frame larger than the stream accepts; the stream is reset. */
public final class FrameTooLargeException extends IOException {

    private final long announced;
    private final int limit;

    public FrameTooLargeException(long announced, int limit) {
        super("frame of " + announced + " bytes exceeds the limit of " + limit + " bytes");
        this.announced = announced;
        this.limit = limit;
    }

    public long announced() {
        return announced;
    }

    public int limit() {
        return limit;
    }
}
