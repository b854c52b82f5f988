package io.logos.delivery.libp2p.mux;

import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Future;

/** A connection with a stream muxer installed: streams can be opened on it, and the peer's arrive. */
public interface MuxedConnection {

    /** The underlying connection, {@link MuxedStreamChannel#parent()} of every stream. */
    Channel connection();

    /** Whether this side dialed the connection. */
    boolean isInitiator();

    /** Opens a stream with an empty pipeline. */
    Future<MuxedStreamChannel> openStream();

    /**
     * Opens a stream with {@code handler} in its pipeline from the start, so it sees everything the peer
     * sends on it.
     */
    Future<MuxedStreamChannel> openStream(ChannelHandler handler);

    /**
     * Stops new streams in both directions while the open ones go on: yamux sends a normal go-away, mplex,
     * which has no such message, resets streams the peer opens from now on.
     */
    Future<Void> goAway();

    /** Goes away, then closes the connection, which closes every stream. */
    ChannelFuture close();
}
