package io.logos.delivery.libp2p.protocol.identify;

import io.logos.delivery.libp2p.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Identify ({@value #ID}) and identify push ({@value #PUSH_ID}): one varint-length-prefixed
 * {@code Identify} protobuf, then the sender closes the stream. For identify the listener sends; for
 * push the dialer does.
 */
public final class IdentifyProtocol {

    public static final String ID = "/ipfs/id/1.0.0";
    public static final String PUSH_ID = "/ipfs/id/push/1.0.0";

    /** The largest identify message read: enough for hundreds of protocols and addresses. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private IdentifyProtocol() {
    }

    /**
     * Writes {@code message} on {@code stream}, then closes it. A message longer than peers read (64 KiB)
     * is not sent: the stream is closed and the future fails.
     */
    public static CompletableFuture<Void> send(Channel stream, IdentifyMessage message) {
        byte[] body = IdentifyCodec.encode(message);
        if (body.length > MAX_MESSAGE_BYTES) {
            stream.close();
            return CompletableFuture.failedFuture(new IOException("identify message of " + body.length
                    + " bytes is longer than " + MAX_MESSAGE_BYTES));
        }
        ByteBuf frame = Unpooled.buffer(Varint.MAX_BYTES + body.length);
        Varint.write(frame, body.length);
        frame.writeBytes(body);
        CompletableFuture<Void> sent = new CompletableFuture<>();
        stream.writeAndFlush(frame).addListener(written -> {
            stream.close();
            if (written.isSuccess()) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(written.cause());
            }
        });
        return sent;
    }

    /** Reads one identify message from {@code stream}, then closes it. */
    public static CompletableFuture<IdentifyMessage> receive(Channel stream) {
        CompletableFuture<IdentifyMessage> received = new CompletableFuture<>();
        stream.pipeline().addLast(new Reader(received));
        return received;
    }

    /** Collects the length-prefixed message, bounded by {@link #MAX_MESSAGE_BYTES}. */
    private static final class Reader extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<IdentifyMessage> result;
        private final ByteBuf buffer = Unpooled.buffer();

        Reader(CompletableFuture<IdentifyMessage> result) {
            this.result = result;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (buffer.readableBytes() + in.readableBytes() > Varint.MAX_BYTES + MAX_MESSAGE_BYTES) {
                    fail(ctx, new IOException("identify message longer than " + MAX_MESSAGE_BYTES + " bytes"));
                    return;
                }
                buffer.writeBytes(in);
            } finally {
                in.release();
            }
            tryDecode(ctx);
        }

        private void tryDecode(ChannelHandlerContext ctx) {
            int start = buffer.readerIndex();
            long length;
            try {
                length = Varint.read(buffer, Varint.MAX_BYTES);
            } catch (RuntimeException e) {
                fail(ctx, new IOException("malformed identify length prefix: " + e.getMessage(), e));
                return;
            }
            if (length == Varint.INCOMPLETE) {
                return;
            }
            if (length > MAX_MESSAGE_BYTES) {
                fail(ctx, new IOException("identify message of " + length + " bytes is longer than "
                        + MAX_MESSAGE_BYTES));
                return;
            }
            if (buffer.readableBytes() < length) {
                buffer.readerIndex(start);
                return;
            }
            byte[] body = new byte[(int) length];
            buffer.readBytes(body);
            try {
                result.complete(IdentifyCodec.decode(body));
            } catch (IllegalArgumentException e) {
                result.completeExceptionally(e);
            }
            ctx.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                fail(ctx, new IOException("stream ended before a whole identify message arrived"));
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IOException("stream closed before a whole identify message arrived"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            buffer.release();
        }
    }
}
