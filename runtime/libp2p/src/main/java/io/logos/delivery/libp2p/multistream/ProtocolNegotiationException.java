package io.logos.delivery.libp2p.multistream;

import java.io.IOException;

/**
 * multistream-select ended without agreement: the peer accepted none of the proposals, broke the
 * protocol (wrong header, malformed or oversized message) or the channel closed during negotiation.
 */
public final class ProtocolNegotiationException extends IOException {

    public ProtocolNegotiationException(String message) {
        super(message);
    }
}
