package io.logos.delivery.libp2p.mux.yamux;

import io.logos.delivery.libp2p.mux.StreamMuxer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;

/** The yamux stream muxer ({@value #PROTOCOL_ID}). */
public final class YamuxMuxer implements StreamMuxer {

    /** The multistream-select id of yamux. */
    public static final String PROTOCOL_ID = "/yamux/1.0.0";

    private final YamuxConfig config;

    public YamuxMuxer() {
        this(YamuxConfig.DEFAULT);
    }

    public YamuxMuxer(YamuxConfig config) {
        this.config = config;
    }

    @Override
    public String protocolId() {
        return PROTOCOL_ID;
    }

    @Override
    public YamuxSession install(Channel connection, boolean initiator, ChannelHandler inboundStreamHandler) {
        YamuxSession session = new YamuxSession(connection, initiator, inboundStreamHandler, config);
        connection.pipeline().addLast("yamux-decoder", new YamuxFrameDecoder(config.receiveWindow()));
        connection.pipeline().addLast("yamux", session);
        return session;
    }
}
