package io.logos.delivery.libp2p.mux.mplex;

import io.logos.delivery.libp2p.mux.StreamMuxer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/** The mplex stream muxer ({@value #PROTOCOL_ID}); deprecated by libp2p in favour of yamux, kept for older peers. */
public final class MplexMuxer implements StreamMuxer {

    /** The multistream-select id of mplex. */
    public static final String PROTOCOL_ID = "/mplex/6.7.0";

    private final MplexConfig config;

    public MplexMuxer() {
        this(MplexConfig.DEFAULT);
    }

    public MplexMuxer(MplexConfig config) {
        this.config = config;
    }

    @Override
    public String protocolId() {
        return PROTOCOL_ID;
    }

    @Override
    public MplexSession install(Channel connection, boolean initiator, ChannelHandler inboundStreamHandler) {
        MplexSession session = new MplexSession(connection, initiator, inboundStreamHandler, config);
        connection.pipeline().addLast("mplex-decoder", new MplexFrameDecoder(config.maxMessageSize()));
        connection.pipeline().addLast("mplex", session);
        return session;
    }
}
