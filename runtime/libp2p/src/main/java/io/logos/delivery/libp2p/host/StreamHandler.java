package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.stream.MuxedStreamChannel;

/**
 * Serves one protocol on streams that peers open. Called on the stream's event loop once the protocol
 * is agreed, before the first byte after the negotiation is read; add handlers to the stream's pipeline.
 */
@FunctionalInterface
public interface StreamHandler {

    void handle(Connection connection, MuxedStreamChannel stream);
}
