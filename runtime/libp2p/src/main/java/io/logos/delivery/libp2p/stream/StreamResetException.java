package io.logos.delivery.libp2p.stream;

import java.io.IOException;

/**
 * A muxed stream was reset (yamux RST, mplex Reset), by the peer or locally: data may have been lost in
 * either direction, unlike a half-close, which is an orderly end of data.
 */
public final class StreamResetException extends IOException {

    public StreamResetException(String message) {
        super(message);
    }
}
