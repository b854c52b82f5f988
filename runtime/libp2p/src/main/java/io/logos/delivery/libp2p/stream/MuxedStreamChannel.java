package io.logos.delivery.libp2p.stream;

import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.internal.StringUtil;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * One stream of a multiplexed connection, as a Netty child {@link Channel} of that connection. It runs on
 * the connection's event loop; its pipeline sees the stream's bytes as {@link ByteBuf} reads and writes.
 *
 * <ul>
 *   <li>Writes become data frames, sent only as far as the peer's window allows; the rest waits in the
 *       outbound buffer, so {@link #isWritable()} reflects the window (and the connection's writability).</li>
 *   <li>{@link #shutdownOutput()} half-closes once everything written before it is sent; the peer's
 *       half-close fires {@link ChannelInputShutdownEvent#INSTANCE} after the last inbound byte. When both
 *       directions are shut the channel closes.</li>
 *   <li>{@link #close()} ends the stream: a half-close when all written data went out, a reset when some
 *       was still waiting. {@link #reset()} aborts it. A reset by the peer fires a
 *       {@link StreamResetException} and closes the channel; closing the connection closes its streams.</li>
 *   <li>Reads honour {@code autoRead} and {@link #read()}: bytes count as consumed (and so reopen the
 *       peer's window) only once they are passed to the pipeline.</li>
 * </ul>
 *
 * <p>The {@code on...} methods and the constructor are for the muxer that owns the stream, and are called
 * on the connection's event loop.
 */
public final class MuxedStreamChannel extends AbstractChannel implements DuplexChannel {

    private static final ChannelMetadata METADATA = new ChannelMetadata(false, 16);

    private final long streamId;
    private final boolean locallyInitiated;
    private final StreamTransport transport;
    private final ChannelConfig config = new StreamChannelConfig();
    private final ArrayDeque<ByteBuf> inbound = new ArrayDeque<>();
    private long inboundBytes;

    private boolean open = true;
    private boolean readRequested;
    private boolean delivering;
    /** The peer half-closed; bytes before its FIN may still wait in {@link #inbound}. */
    private boolean remoteHalfClosed;
    private boolean inputShutdown;
    private boolean outputShutdown;
    /** A half-close waiting for the queued writes to go out first. */
    private ChannelPromise pendingOutputShutdown;
    /** No frame may be sent any more: the stream was reset, or its connection is gone. */
    private boolean silenced;
    private boolean unsentDataAtClose;

    /**
     * Creates a stream channel; the muxer then {@linkplain #register() registers} it.
     *
     * @param connection       the multiplexed connection, which becomes {@link #parent()}
     * @param streamId         the muxer's id of the stream
     * @param locallyInitiated whether this side opened the stream
     * @param transport        the muxer's side of the stream
     */
    public MuxedStreamChannel(Channel connection, long streamId, boolean locallyInitiated,
                              StreamTransport transport) {
        super(connection);
        this.streamId = streamId;
        this.locallyInitiated = locallyInitiated;
        this.transport = transport;
    }

    /** The muxer's id of this stream (yamux: odd for the dialer's streams; mplex: per opener). */
    public long streamId() {
        return streamId;
    }

    /** Whether this side opened the stream. */
    public boolean isLocallyInitiated() {
        return locallyInitiated;
    }

    /** The protocol multistream-select agreed for this stream, or {@code null} before that. */
    public String protocol() {
        return attr(MultistreamSelect.PROTOCOL).get();
    }

    /** Aborts the stream in both directions and tells the peer (yamux RST, mplex Reset). */
    public ChannelFuture reset() {
        ChannelPromise promise = newPromise();
        runOnEventLoop(() -> {
            if (open) {
                transport.sendReset();
                transport.flush();
                silenced = true;
                streamUnsafe().closeWithCause(new StreamResetException("stream " + streamId + " reset locally"));
            }
            promise.trySuccess();
        });
        return promise;
    }

    /** Registers this channel on its connection's event loop, which fires {@code channelActive}. */
    public ChannelFuture register() {
        ChannelPromise promise = new DefaultChannelPromise(this, parent().eventLoop());
        unsafe().register(parent().eventLoop(), promise);
        return promise;
    }

    // ---- called by the owning muxer, on the event loop ----

    /** Bytes for this stream arrived; the channel takes ownership of {@code data}. */
    public void onDataReceived(ByteBuf data) {
        if (!open || inputShutdown || remoteHalfClosed) {
            int discarded = data.readableBytes();
            data.release();
            if (open && inputShutdown && !remoteHalfClosed) {
                // input was shut locally: credit what is thrown away so the peer's writes do not stall
                transport.consumed(discarded);
            }
            return;
        }
        inboundBytes += data.readableBytes();
        inbound.add(data);
        deliverInbound();
    }

    /** The peer half-closed the stream: it sends no more data. */
    public void onRemoteHalfClose() {
        if (!open || remoteHalfClosed) {
            return;
        }
        remoteHalfClosed = true;
        deliverInbound();
    }

    /** The peer reset the stream: fires a {@link StreamResetException} and closes the channel. */
    public void onRemoteReset() {
        if (!open) {
            return;
        }
        silenced = true;
        StreamResetException cause = new StreamResetException("stream " + streamId + " reset by the peer");
        pipeline().fireExceptionCaught(cause);
        streamUnsafe().closeWithCause(cause);
    }

    /** The connection closed or failed: the stream closes without sending anything. */
    public void onConnectionClosed() {
        if (!open) {
            return;
        }
        silenced = true;
        streamUnsafe().closeWithCause(new ClosedChannelException());
    }

    /**
     * The muxer found the stream broken (for instance an oversized frame): fires {@code cause}, resets the
     * stream towards the peer and closes the channel.
     */
    public void onStreamError(Exception cause) {
        if (!open) {
            return;
        }
        transport.sendReset();
        transport.flush();
        silenced = true;
        pipeline().fireExceptionCaught(cause);
        streamUnsafe().closeWithCause(cause);
    }

    /** The peer's window grew or the connection became writable again: send what is waiting. */
    public void onSendWindowOpened() {
        if (open) {
            streamUnsafe().resumeFlush();
        }
    }

    /** Inbound bytes received but not yet read by the pipeline (bounds buffering for mplex). */
    public long bufferedInboundBytes() {
        return inboundBytes;
    }

    // ---- DuplexChannel ----

    @Override
    public boolean isInputShutdown() {
        return inputShutdown || !open;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown || !open;
    }

    @Override
    public boolean isShutdown() {
        return isInputShutdown() && isOutputShutdown();
    }

    @Override
    public ChannelFuture shutdownOutput() {
        return shutdownOutput(newPromise());
    }

    @Override
    public ChannelFuture shutdownOutput(ChannelPromise promise) {
        runOnEventLoop(() -> shutdownOutput0(promise));
        return promise;
    }

    @Override
    public ChannelFuture shutdownInput() {
        return shutdownInput(newPromise());
    }

    /** Stops delivering inbound data; what still arrives is discarded (and credited to the peer's window). */
    @Override
    public ChannelFuture shutdownInput(ChannelPromise promise) {
        runOnEventLoop(() -> {
            if (!open) {
                promise.setFailure(new ClosedChannelException());
                return;
            }
            if (!inputShutdown) {
                inputShutdown = true;
                transport.consumed((int) inboundBytes);
                releaseInbound();
            }
            promise.setSuccess();
            closeIfBothDirectionsShut();
        });
        return promise;
    }

    @Override
    public ChannelFuture shutdown() {
        return shutdown(newPromise());
    }

    @Override
    public ChannelFuture shutdown(ChannelPromise promise) {
        ChannelFuture output = shutdownOutput();
        output.addListener(f -> shutdownInput().addListener(g -> {
            if (f.isSuccess() && g.isSuccess()) {
                promise.trySuccess();
            } else {
                promise.tryFailure(f.isSuccess() ? g.cause() : f.cause());
            }
        }));
        return promise;
    }

    private void shutdownOutput0(ChannelPromise promise) {
        if (!open) {
            promise.setFailure(new ClosedChannelException());
            return;
        }
        if (outputShutdown) {
            promise.setSuccess();
            return;
        }
        if (pendingOutputShutdown != null) {
            pendingOutputShutdown.addListener(f -> promise.trySuccess());
            return;
        }
        pendingOutputShutdown = promise;
        // everything written before the half-close still goes out, so flush it first
        unsafe().flush();
        ChannelOutboundBuffer out = unsafe().outboundBuffer();
        if (pendingOutputShutdown != null && (out == null || out.isEmpty())) {
            sendHalfClose();
        }
    }

    private void sendHalfClose() {
        ChannelPromise promise = pendingOutputShutdown;
        pendingOutputShutdown = null;
        outputShutdown = true;
        transport.sendHalfClose();
        transport.flush();
        promise.trySuccess();
        pipeline().fireUserEventTriggered(ChannelOutputShutdownEvent.INSTANCE);
        closeIfBothDirectionsShut();
    }

    // ---- reading ----

    private void deliverInbound() {
        if (delivering || !isRegistered()) {
            return;
        }
        delivering = true;
        try {
            while (open && readRequested && !inbound.isEmpty()) {
                while (open && readRequested && !inbound.isEmpty()) {
                    ByteBuf data = inbound.poll();
                    int length = data.readableBytes();
                    inboundBytes -= length;
                    if (!config.isAutoRead()) {
                        readRequested = false;
                    }
                    transport.consumed(length);
                    pipeline().fireChannelRead(data);
                }
                // with autoRead this asks for the next read, which the outer loop then serves
                pipeline().fireChannelReadComplete();
            }
            if (open && remoteHalfClosed && !inputShutdown && inbound.isEmpty()) {
                inputShutdown = true;
                pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
                closeIfBothDirectionsShut();
            }
        } finally {
            delivering = false;
        }
    }

    private void closeIfBothDirectionsShut() {
        if (open && inputShutdown && outputShutdown) {
            close();
        }
    }

    private void releaseInbound() {
        ByteBuf data;
        while ((data = inbound.poll()) != null) {
            data.release();
        }
        inboundBytes = 0;
    }

    // ---- AbstractChannel ----

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new StreamUnsafe();
    }

    private StreamUnsafe streamUnsafe() {
        return (StreamUnsafe) unsafe();
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return loop == parent().eventLoop();
    }

    @Override
    protected SocketAddress localAddress0() {
        return parent().localAddress();
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return parent().remoteAddress();
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a muxed stream cannot be bound");
    }

    @Override
    protected void doDisconnect() {
        throw new UnsupportedOperationException("a muxed stream cannot be disconnected, close it instead");
    }

    @Override
    protected void doClose() {
        if (!open) {
            return;
        }
        open = false;
        if (!silenced && !outputShutdown) {
            // a half-close would tell the peer it got everything; data was lost, so reset instead
            if (unsentDataAtClose) {
                transport.sendReset();
            } else {
                transport.sendHalfClose();
            }
            transport.flush();
        }
        releaseInbound();
        if (pendingOutputShutdown != null) {
            pendingOutputShutdown.tryFailure(new ClosedChannelException());
            pendingOutputShutdown = null;
        }
        transport.closed();
    }

    @Override
    protected void doBeginRead() {
        readRequested = true;
        deliverInbound();
    }

    @Override
    protected Object filterOutboundMessage(Object msg) throws ChannelOutputShutdownException {
        if (!(msg instanceof ByteBuf)) {
            throw new UnsupportedOperationException(
                    "a muxed stream writes ByteBuf only, not " + StringUtil.simpleClassName(msg));
        }
        if (outputShutdown || pendingOutputShutdown != null) {
            throw new ChannelOutputShutdownException("stream " + streamId + " output is shut down");
        }
        return msg;
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer out) {
        // Flushing can drain the connection at once; its writability event cannot re-enter this
        // method then, so keep going until the window or the connection stops us.
        while (sendWhatFits(out)) {
            transport.flush();
        }
        if (pendingOutputShutdown != null && out.isEmpty()) {
            sendHalfClose();
        }
    }

    /** Sends queued data while the window and the connection allow; returns whether anything went. */
    private boolean sendWhatFits(ChannelOutboundBuffer out) {
        boolean sent = false;
        Object msg;
        while ((msg = out.current()) != null) {
            ByteBuf data = (ByteBuf) msg;
            if (!data.isReadable()) {
                out.remove();
                continue;
            }
            int sendable = transport.sendableBytes();
            if (sendable <= 0 || !parent().isWritable()) {
                break; // resumed by onSendWindowOpened
            }
            int length = Math.min(sendable, data.readableBytes());
            transport.sendData(data.readRetainedSlice(length));
            sent = true;
            if (data.isReadable()) {
                out.progress(length);
            } else {
                out.remove();
            }
        }
        return sent;
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public String toString() {
        return "[stream " + streamId + (locallyInitiated ? " outbound" : " inbound") + " of " + parent() + "]";
    }

    private void runOnEventLoop(Runnable task) {
        EventLoop loop = parent().eventLoop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private final class StreamUnsafe extends AbstractUnsafe {

        @Override
        public void connect(SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            promise.setFailure(new UnsupportedOperationException("a muxed stream is connected when it is opened"));
        }

        @Override
        public void close(ChannelPromise promise) {
            ChannelOutboundBuffer out = outboundBuffer();
            unsentDataAtClose = out != null && out.totalPendingWriteBytes() > 0;
            super.close(promise);
        }

        void closeWithCause(Throwable cause) {
            ClosedChannelException closed = new ClosedChannelException();
            closed.initCause(cause);
            close(voidPromise(), cause, closed);
        }

        void resumeFlush() {
            flush0();
        }
    }

    private final class StreamChannelConfig extends DefaultChannelConfig {

        StreamChannelConfig() {
            super(MuxedStreamChannel.this);
        }

        @Override
        protected void autoReadCleared() {
            readRequested = false;
        }
    }
}
