package io.logos.delivery.libp2p.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/** Collects what a stream receives: its bytes, the peer's half-close, an error, the channel's end. */
public final class StreamRecorder extends ChannelInboundHandlerAdapter {

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    /** Completes with all bytes received when the peer half-closes. */
    public final CompletableFuture<byte[]> endOfInput = new CompletableFuture<>();
    public final CompletableFuture<Throwable> error = new CompletableFuture<>();
    public final CompletableFuture<Void> inactive = new CompletableFuture<>();

    public synchronized byte[] received() {
        return received.toByteArray();
    }

    public synchronized int receivedLength() {
        return received.size();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf data = (ByteBuf) msg;
        byte[] bytes = new byte[data.readableBytes()];
        data.readBytes(bytes);
        synchronized (this) {
            received.writeBytes(bytes);
        }
        data.release();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ChannelInputShutdownEvent.INSTANCE) {
            endOfInput.complete(received());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        error.complete(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive.complete(null);
        ctx.fireChannelInactive();
    }
}
