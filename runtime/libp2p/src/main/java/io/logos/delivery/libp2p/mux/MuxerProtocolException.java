package io.logos.delivery.libp2p.mux;

import java.io.IOException;

/**
 * The peer broke the muxer protocol: a malformed or oversized frame, a frame beyond the window, an
 * unknown frame type. Depending on what is broken, the muxer resets one stream or fails the connection.
 */
public final class MuxerProtocolException extends IOException {

    public MuxerProtocolException(String message) {
        super(message);
    }
}
