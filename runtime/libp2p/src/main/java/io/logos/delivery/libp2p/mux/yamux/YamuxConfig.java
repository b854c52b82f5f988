package io.logos.delivery.libp2p.mux.yamux;

/**
 * Settings of a yamux session.
 *
 * @param receiveWindow     the window each stream grants the peer; at least the spec's 256 KiB, more is
 *                          announced with the stream's SYN or ACK
 * @param maxMessageSize    the largest data frame this side sends, so one stream cannot hog the connection
 * @param maxInboundStreams streams the peer may have open at once; further ones are reset
 */
public record YamuxConfig(int receiveWindow, int maxMessageSize, int maxInboundStreams) {

    /** The window both sides assume for a new stream (spec). */
    public static final int INITIAL_WINDOW = 256 * 1024;

    /** 256 KiB windows, 64 KiB frames and 1000 inbound streams, as js-libp2p's yamux. */
    public static final YamuxConfig DEFAULT = new YamuxConfig(INITIAL_WINDOW, 64 * 1024, 1000);

    public YamuxConfig {
        if (receiveWindow < INITIAL_WINDOW) {
            throw new IllegalArgumentException("receive window " + receiveWindow + " is below the spec's " + INITIAL_WINDOW);
        }
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("max message size " + maxMessageSize + " is below 1 KiB");
        }
        if (maxInboundStreams < 0) {
            throw new IllegalArgumentException("max inbound streams must not be negative: " + maxInboundStreams);
        }
    }
}
