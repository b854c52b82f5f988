package io.logos.delivery.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a given number of bytes to its channel in fixed-size buffers, as a well-behaved application does:
 * only while the channel {@linkplain Channel#isWritable() is writable}, resuming on
 * {@code channelWritabilityChanged}. Each buffer is a retained slice of one random buffer, so the
 * application itself copies nothing. Runs on the channel's event loop.
 */
final class Pump extends ChannelInboundHandlerAdapter {

    private final Channel channel;
    private final ByteBuf chunk;
    private long remaining;
    private boolean pumping;

    /** A pump for {@code channel}; add it to that channel's pipeline. */
    Pump(Channel channel, int chunkSize) {
        this.channel = channel;
        byte[] random = new byte[chunkSize];
        ThreadLocalRandom.current().nextBytes(random);
        this.chunk = channel.alloc().directBuffer(chunkSize).writeBytes(random);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        chunk.release();
    }

    /** Starts writing {@code bytes} more; call between transfers. */
    void start(long bytes) {
        channel.eventLoop().execute(() -> {
            remaining += bytes;
            pump();
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            pump();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void pump() {
        if (pumping) {
            return; // a flush below made the channel writable again; the loop goes on
        }
        pumping = true;
        try {
            while (remaining > 0 && channel.isActive() && channel.isWritable()) {
                int length = (int) Math.min(chunk.readableBytes(), remaining);
                channel.write(chunk.retainedSlice(chunk.readerIndex(), length), channel.voidPromise());
                remaining -= length;
                if (!channel.isWritable()) {
                    channel.flush();
                }
            }
            channel.flush();
        } finally {
            pumping = false;
        }
    }
}
