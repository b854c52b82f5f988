package io.logos.delivery.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Promise;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one multistream-select exchange on a channel, then removes itself. Bytes that arrived after the
 * exchange are passed on to the next handler, which the listeners of the result installed meanwhile.
 *
 * @param <T> what the exchange yields
 */
abstract class NegotiationHandler<T> extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(NegotiationHandler.class);

    private final Promise<T> result;
    private boolean finished;

    NegotiationHandler(Promise<T> result) {
        this.result = result;
    }

    /** Sends what this side says first, if anything. */
    abstract void start(ChannelHandlerContext ctx);

    /** Handles one message from the peer. */
    abstract void onMessage(ChannelHandlerContext ctx, String message) throws ProtocolNegotiationException;

    /** The longest message accepted now. */
    int maxMessageLength() {
        return MultistreamMessages.MAX_MESSAGE_LENGTH;
    }

    /** Reads the next message; subclasses that expect something other than text override this. */
    void readNext(ChannelHandlerContext ctx, ByteBuf in) throws ProtocolNegotiationException {
        String message = MultistreamMessages.readText(in, maxMessageLength());
        if (message == null) {
            return;
        }
        // some js-libp2p versions pack several lines (header and answer) into one message
        for (String line : message.split("\n", -1)) {
            if (finished) {
                throw new ProtocolNegotiationException("peer sent '" + line + "' after the negotiation ended");
            }
            onMessage(ctx, line);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.flush();
        if (!ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (finished) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            readNext(ctx, in);
        } catch (ProtocolNegotiationException e) {
            LOG.warn("multistream-select on {} failed: {}", ctx.channel(), e.getMessage());
            in.skipBytes(in.readableBytes());
            fail(ctx, e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        // answers written while decoding one read go out together
        ctx.flush();
        super.channelReadComplete(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent && !finished) {
            fail(ctx, new ProtocolNegotiationException(
                    "peer of " + ctx.channel() + " half-closed during multistream-select"));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!finished) {
            finished = true;
            result.tryFailure(new ProtocolNegotiationException(
                    "channel " + ctx.channel() + " closed during multistream-select"));
        }
        super.channelInactive(ctx);
    }

    /** Ends the exchange with {@code value}, then hands the channel over to the handlers after this one. */
    void succeed(ChannelHandlerContext ctx, T value) {
        finished = true;
        ctx.flush();
        // listeners run here, on the event loop, so they can install the next handlers before the
        // remaining bytes are passed on when this handler is removed
        result.trySuccess(value);
        ctx.pipeline().remove(this);
    }

    /** Ends the exchange with {@code cause} and closes the channel. */
    void fail(ChannelHandlerContext ctx, ProtocolNegotiationException cause) {
        finished = true;
        result.tryFailure(cause);
        ctx.close();
    }

    static void expectHeader(String message) throws ProtocolNegotiationException {
        if (!MultistreamMessages.HEADER.equals(message)) {
            throw new ProtocolNegotiationException(
                    "expected the header " + MultistreamMessages.HEADER + " but got '" + message + "'");
        }
    }
}
