package io.logos.delivery.libp2p.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;

/**
 * Carries the libp2p byte stream in binary WebSocket frames, so the layers above see plain
 * {@link ByteBuf}s as on TCP. A text frame is a protocol error for libp2p and closes the connection.
 */
final class WebSocketFrames extends ChannelDuplexHandler {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame frame) {
            ctx.fireChannelRead(frame.content());
        } else if (msg instanceof WebSocketFrame other) {
            other.release();
            ctx.fireExceptionCaught(new IOException("libp2p over WebSocket takes binary frames only, got "
                    + other.getClass().getSimpleName()));
            ctx.close();
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf bytes ? new BinaryWebSocketFrame(bytes) : msg, promise);
    }
}
