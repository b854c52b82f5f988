package io.logos.delivery.libp2p.mux;

import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection handler the muxers share. It sits after the muxer's frame decoder, opens streams on the
 * event loop, hands the peer's streams to the inbound handler, relays the connection's writability and
 * closure to every stream, and fails the connection with one log line when the peer breaks the protocol.
 * Subclasses speak the wire protocol.
 */
public abstract class MuxerSession extends ChannelInboundHandlerAdapter implements MuxedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MuxerSession.class);

    private final String muxerName;
    private final Channel connection;
    private final boolean initiator;
    private final ChannelHandler inboundStreamHandler;
    private ChannelHandlerContext ctx;
    private boolean failed;

    /**
     * @param muxerName            names the muxer in log lines and errors
     * @param connection           the secured connection the session is installed on
     * @param initiator            whether this side dialed the connection
     * @param inboundStreamHandler added to every stream the peer opens
     */
    protected MuxerSession(String muxerName, Channel connection, boolean initiator,
                           ChannelHandler inboundStreamHandler) {
        this.muxerName = muxerName;
        this.connection = connection;
        this.initiator = initiator;
        this.inboundStreamHandler = inboundStreamHandler;
    }

    /** Allocates an id, writes the stream's opening frame and returns its channel, not yet registered. */
    protected abstract MuxedStreamChannel newOutboundStream() throws IOException;

    /** The open streams, as a copy. */
    protected abstract List<MuxedStreamChannel> streams();

    /** Handles one frame from the decoder, taking ownership of it. */
    protected abstract void onFrame(Object frame) throws MuxerProtocolException;

    /** Releases a frame that will not be handled, because the connection already failed. */
    protected abstract void releaseFrame(Object frame);

    /** Writes the muxer's notice of a protocol error, if it has one; the connection closes next. */
    protected void writeProtocolErrorNotice() {
    }

    /** Called once the connection is closed, after every stream was closed. */
    protected void onConnectionClosed() {
    }

    @Override
    public final Channel connection() {
        return connection;
    }

    @Override
    public final boolean isInitiator() {
        return initiator;
    }

    @Override
    public final Future<MuxedStreamChannel> openStream() {
        return openStream(null);
    }

    @Override
    public final Future<MuxedStreamChannel> openStream(ChannelHandler handler) {
        Promise<MuxedStreamChannel> result = connection.eventLoop().newPromise();
        runOnEventLoop(() -> {
            if (ctx == null || failed || !connection.isActive()) {
                result.setFailure(new ClosedChannelException());
                return;
            }
            MuxedStreamChannel stream;
            try {
                stream = newOutboundStream();
            } catch (IOException e) {
                result.setFailure(e);
                return;
            }
            if (handler != null) {
                stream.pipeline().addLast(handler);
            }
            stream.register();
            result.setSuccess(stream);
        });
        return result;
    }

    @Override
    public ChannelFuture close() {
        goAway();
        return connection.close();
    }

    /** Registers a stream the peer opened, with the inbound handler in its pipeline. */
    protected final void acceptInboundStream(MuxedStreamChannel stream) {
        stream.pipeline().addLast(inboundStreamHandler);
        stream.register();
    }

    /** The context of this handler, through which frames are written. */
    protected final ChannelHandlerContext ctx() {
        return ctx;
    }

    /** Runs {@code task} on the connection's event loop, where all session state lives. */
    protected final void runOnEventLoop(Runnable task) {
        if (connection.eventLoop().inEventLoop()) {
            task.run();
        } else {
            connection.eventLoop().execute(task);
        }
    }

    /** Fails the connection for a protocol error: one log line, the muxer's notice, then close. */
    protected final void failConnection(MuxerProtocolException cause) {
        if (failed) {
            return;
        }
        failed = true;
        LOG.warn("{} connection {} failed: {}", muxerName, connection, cause.getMessage());
        writeProtocolErrorNotice();
        ctx.flush();
        ctx.close();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            releaseFrame(msg);
            return;
        }
        try {
            onFrame(msg);
        } catch (MuxerProtocolException e) {
            failConnection(e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (connection.isWritable()) {
            for (MuxedStreamChannel stream : streams()) {
                stream.onSendWindowOpened();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (MuxedStreamChannel stream : streams()) {
            stream.onConnectionClosed();
        }
        onConnectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable error = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (error instanceof MuxerProtocolException protocolError) {
            failConnection(protocolError);
            return;
        }
        if (!failed) {
            failed = true;
            if (error instanceof IOException) {
                LOG.debug("{} connection {} broke: {}", muxerName, connection, error.toString());
            } else {
                LOG.warn("{} connection {} failed", muxerName, connection, error);
            }
        }
        ctx.close();
    }
}
