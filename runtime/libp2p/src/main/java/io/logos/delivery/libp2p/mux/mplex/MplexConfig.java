package io.logos.delivery.libp2p.mux.mplex;

/**
 * Settings of an mplex session. mplex has no flow control, so a stream whose reader falls too far behind
 * is reset, as the spec advises.
 *
 * @param maxMessageSize    the largest frame payload accepted; a larger frame resets its stream
 * @param maxBufferedBytes  inbound bytes a stream may hold unread before it is reset
 * @param maxInboundStreams streams the peer may have open at once; further ones are reset
 */
public record MplexConfig(int maxMessageSize, long maxBufferedBytes, int maxInboundStreams) {

    /** 1 MiB messages (the spec's limit), 4 MiB unread per stream, 1000 inbound streams. */
    public static final MplexConfig DEFAULT = new MplexConfig(1024 * 1024, 4L * 1024 * 1024, 1000);

    public MplexConfig {
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("max message size " + maxMessageSize + " is below 1 KiB");
        }
        if (maxBufferedBytes < maxMessageSize) {
            throw new IllegalArgumentException("max buffered bytes " + maxBufferedBytes
                    + " is below the max message size " + maxMessageSize);
        }
        if (maxInboundStreams < 0) {
            throw new IllegalArgumentException("max inbound streams must not be negative: " + maxInboundStreams);
        }
    }
}
