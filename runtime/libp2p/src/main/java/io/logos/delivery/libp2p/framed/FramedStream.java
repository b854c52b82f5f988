package io.logos.delivery.libp2p.framed;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiformats.Varint;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.concurrent.Future;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * A muxed stream carrying unsigned-varint length-prefixed frames. Reads are on demand: the peer's bytes
 * are only pulled (and its flow-control window only reopened) while a {@link #read()} waits, so a peer
 * cannot make us buffer more than one frame of at most {@code maxFrameSize} bytes. Thread-safe; futures
 * complete on the stream's event loop.
 */
public final class FramedStream {

    private final MuxedStreamChannel channel;
    private final PeerId remotePeer;
    private final Multiaddr remoteAddress;
    private final int maxFrameSize;
    private final FrameReader reader;

    /** Takes over {@code channel}, whose protocol is agreed; call on any thread. */
    public FramedStream(MuxedStreamChannel channel, PeerId remotePeer, Multiaddr remoteAddress, int maxFrameSize) {
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive, was " + maxFrameSize);
        }
        this.channel = channel;
        this.remotePeer = remotePeer;
        this.remoteAddress = remoteAddress;
        this.maxFrameSize = maxFrameSize;
        this.reader = new FrameReader();
        channel.config().setAutoRead(false);
        channel.pipeline().addLast(reader);
    }

    public PeerId remotePeer() {
        return remotePeer;
    }

    /** The remote end's transport address, without {@code /p2p}. */
    public Multiaddr remoteAddress() {
        return remoteAddress;
    }

    /** The agreed protocol id. */
    public String protocol() {
        return channel.protocol();
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * The next frame, or empty when the peer closed its side cleanly between frames. Fails with
     * {@link FrameTooLargeException} on an oversized frame (nothing more is read; answer, then close or
     * reset), with an
     * {@link EOFException} when the stream ends inside a frame, or with the reset's cause. One read at a
     * time.
     */
    public CompletableFuture<Optional<byte[]>> read() {
        CompletableFuture<Optional<byte[]>> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> reader.await(result));
        return result;
    }

    /** Writes one frame; completes when it is handed to the muxer. */
    public CompletableFuture<Void> write(byte[] frame) {
        ByteBuf out = Unpooled.buffer(Varint.MAX_BYTES + frame.length);
        Varint.write(out, frame.length);
        out.writeBytes(frame);
        return completion(channel.writeAndFlush(out));
    }

    /** Closes our side for writing; the peer reads end of stream after the frames written. */
    public CompletableFuture<Void> closeWrite() {
        return completion(channel.shutdownOutput());
    }

    /**
     * Ends a served request: writes {@code frame}, closes our side, and discards whatever the peer still
     * sends until it closes its side, when the stream closes by itself. Unlike {@link #close()} this never
     * makes the muxer reset a stream the peer is still writing to, which could discard our answer before
     * the peer reads it.
     */
    public CompletableFuture<Void> answerAndFinish(byte[] frame) {
        CompletableFuture<Void> written = write(frame);
        closeWrite();
        channel.eventLoop().execute(() -> {
            if (channel.pipeline().context(reader) != null) {
                channel.pipeline().replace(reader, "discard", new DiscardInbound());
                channel.config().setAutoRead(true);
            }
        });
        return written;
    }

    /** Closes both sides. */
    public CompletableFuture<Void> close() {
        return completion(channel.close());
    }

    /** Aborts the stream: the peer sees a reset, pending reads fail. */
    public void reset() {
        channel.reset();
    }

    /** Completes when the stream is closed, by either side. */
    public CompletableFuture<Void> closeFuture() {
        return completion(channel.closeFuture()).exceptionally(ignored -> null);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    private static CompletableFuture<Void> completion(Future<?> future) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(f.cause());
            }
        });
        return done;
    }

    @Override
    public String toString() {
        return "framed stream " + protocol() + " with " + remotePeer;
    }

    /** Drops inbound bytes once the request is answered. */
    private static final class DiscardInbound extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ((ByteBuf) msg).release();
        }
    }

    /** Splits the inbound bytes into frames and hands them to the waiting read. Runs on the event loop. */
    private final class FrameReader extends ChannelInboundHandlerAdapter {
        private final Queue<byte[]> frames = new ArrayDeque<>();
        private ByteBuf pending = Unpooled.EMPTY_BUFFER;
        private CompletableFuture<Optional<byte[]>> waiting;
        private Throwable failure;
        private boolean ended;

        void await(CompletableFuture<Optional<byte[]>> read) {
            if (waiting != null) {
                read.completeExceptionally(new IllegalStateException("a read is already waiting on " + FramedStream.this));
                return;
            }
            waiting = read;
            deliver();
            if (waiting != null && !ended && failure == null) {
                channel.read();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                if (failure != null) {
                    return;
                }
                pending = pending.isReadable() ? Unpooled.wrappedBuffer(pending, in.retain()) : in.retain();
                split();
            } finally {
                in.release();
            }
            deliver();
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (waiting != null && !ended && failure == null) {
                ctx.read();
            }
        }

        private void split() {
            while (pending.isReadable()) {
                int start = pending.readerIndex();
                long length;
                try {
                    length = Varint.read(pending, Varint.MAX_BYTES);
                } catch (CorruptedFrameException malformed) {
                    fail(new IOException("malformed frame length on " + FramedStream.this + ": " + malformed.getMessage()));
                    channel.reset();
                    return;
                }
                if (length == Varint.INCOMPLETE) {
                    return;
                }
                if (length > maxFrameSize) {
                    // no reset: the handler may still answer (e.g. 413) before closing; reading stops here
                    fail(new FrameTooLargeException(length, maxFrameSize));
                    return;
                }
                if (pending.readableBytes() < length) {
                    pending.readerIndex(start);
                    return;
                }
                frames.add(ByteBufUtil.getBytes(pending, pending.readerIndex(), (int) length));
                pending.skipBytes((int) length);
            }
            pending.discardReadBytes();
        }

        private void fail(Throwable cause) {
            if (failure == null) {
                failure = cause;
            }
            deliver();
        }

        private void deliver() {
            if (waiting == null) {
                return;
            }
            CompletableFuture<Optional<byte[]>> read = waiting;
            if (!frames.isEmpty()) {
                waiting = null;
                read.complete(Optional.of(frames.poll()));
            } else if (failure != null) {
                waiting = null;
                read.completeExceptionally(failure);
            } else if (ended) {
                waiting = null;
                if (pending.isReadable()) {
                    read.completeExceptionally(new EOFException("stream ended inside a frame on " + FramedStream.this));
                } else {
                    read.complete(Optional.empty());
                }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                ended = true;
                deliver();
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ended = true;
            deliver();
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            pending.release();
            pending = Unpooled.EMPTY_BUFFER;
        }
    }
}
