package io.logos.delivery.libp2p.host;

import java.io.IOException;

/** A connection was refused because a {@link ConnectionLimits} limit is reached. */
public final class ConnectionLimitException extends IOException {

    public ConnectionLimitException(String message) {
        super(message);
    }
}
