package io.logos.delivery.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * Discards what a channel reads, counting the bytes; completes a future, with the {@link System#nanoTime()}
 * of the read that got there, once an expected number of bytes has arrived. Reads happen on one event loop.
 */
@ChannelHandler.Sharable
final class Sink extends ChannelInboundHandlerAdapter {

    private volatile long received;
    private volatile long target = Long.MAX_VALUE;
    private volatile CompletableFuture<Long> reached = new CompletableFuture<>();

    /** Call between transfers: completes when {@code bytes} more than so far have been read. */
    CompletableFuture<Long> expect(long bytes) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        reached = future;
        target = received + bytes;
        return future;
    }

    long received() {
        return received;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            long now = received + bytes.readableBytes();
            received = now;
            if (now >= target) {
                reached.complete(System.nanoTime());
            }
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reached.completeExceptionally(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reached.completeExceptionally(new IllegalStateException("the receiving channel closed after "
                + received + " bytes"));
        ctx.fireChannelInactive();
    }
}
