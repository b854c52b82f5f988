package io.logos.delivery.libp2p.mux;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/** A stream multiplexer protocol, such as yamux or mplex, that can be installed on a secured connection. */
public interface StreamMuxer {

    /** The id multistream-select negotiates for this muxer, e.g. {@code /yamux/1.0.0}. */
    String protocolId();

    /**
     * Installs the muxer at the end of {@code connection}'s pipeline, which must carry plaintext bytes (as
     * left by the security layer) and be active. Call it on the connection's event loop, for instance in a
     * listener of the multistream-select future, so no byte arrives before the muxer is in place.
     *
     * @param connection           the secured connection
     * @param initiator            whether this side dialed the connection (yamux: odd stream ids)
     * @param inboundStreamHandler added to the pipeline of every stream the peer opens, before the stream
     *                             is registered and so before its first read; must be sharable, e.g. a
     *                             {@link io.netty.channel.ChannelInitializer}
     */
    MuxedConnection install(Channel connection, boolean initiator, ChannelHandler inboundStreamHandler);
}
