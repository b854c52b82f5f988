package io.logos.delivery.libp2p.protocol.ping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * The libp2p ping protocol {@value #ID}: the dialer sends 32 random bytes, the listener echoes them,
 * and the round trip is the peer's latency. A stream may carry many pings.
 */
public final class PingProtocol {

    public static final String ID = "/ipfs/ping/1.0.0";
    static final int PAYLOAD_SIZE = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private PingProtocol() {
    }

    /** Makes {@code stream} answer pings until the remote closes it. */
    public static void respond(Channel stream) {
        stream.pipeline().addLast(new Echo());
    }

    /**
     * Sends one ping on {@code stream} and completes with the round-trip time.
     * Fails when the answer differs from what was sent or the stream closes first.
     */
    public static CompletableFuture<Duration> ping(Channel stream) {
        byte[] payload = new byte[PAYLOAD_SIZE];
        RANDOM.nextBytes(payload);
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        stream.pipeline().addLast(new AwaitEcho(payload, echoed));
        long sentAt = System.nanoTime();
        stream.writeAndFlush(Unpooled.wrappedBuffer(payload)).addListener(written -> {
            if (!written.isSuccess()) {
                echoed.completeExceptionally(written.cause());
            }
        });
        return echoed.thenApply(ignored -> Duration.ofNanos(System.nanoTime() - sentAt));
    }

    /** Echoes every complete 32-byte payload. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        private final ByteBuf pending = Unpooled.buffer(PAYLOAD_SIZE);

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                while (in.isReadable()) {
                    in.readBytes(pending, Math.min(in.readableBytes(), pending.writableBytes()));
                    if (!pending.isWritable()) {
                        ctx.writeAndFlush(pending.retainedDuplicate());
                        pending.clear();
                    }
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                ctx.close();
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            pending.release();
        }
    }

    /** Collects the 32-byte answer to one ping, then removes itself. */
    private static final class AwaitEcho extends ChannelInboundHandlerAdapter {
        private final byte[] expected;
        private final CompletableFuture<Void> result;
        private final ByteBuf received = Unpooled.buffer(PAYLOAD_SIZE);

        AwaitEcho(byte[] expected, CompletableFuture<Void> result) {
            this.expected = expected;
            this.result = result;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                in.readBytes(received, Math.min(in.readableBytes(), received.writableBytes()));
            } finally {
                in.release();
            }
            if (!received.isWritable()) {
                byte[] answer = ByteBufUtil.getBytes(received);
                ctx.pipeline().remove(this);
                if (Arrays.equals(answer, expected)) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(new IllegalStateException("ping answer differs from the ping sent"));
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IllegalStateException("ping stream closed before the answer arrived"));
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            received.release();
        }
    }
}
