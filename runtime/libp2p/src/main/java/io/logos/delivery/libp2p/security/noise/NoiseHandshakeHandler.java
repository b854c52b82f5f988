package io.logos.delivery.libp2p.security.noise;

import io.logos.delivery.libp2p.security.SecureSession;
import io.logos.delivery.libp2p.security.noise.XxHandshakeState.Role;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one libp2p Noise handshake on a channel, then replaces itself with a
 * {@link NoiseTransportHandler} and completes the promise with the authenticated session.
 *
 * <p>Any failure (malformed or forged message, wrong peer, timeout, connection loss) fails the
 * promise with a {@link NoiseException}, logs one line and closes the channel. Writes from later
 * handlers are refused until the handshake is over, so no plaintext can leak.
 */
final class NoiseHandshakeHandler extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NoiseHandshakeHandler.class);

    private final Libp2pNoiseHandshake handshake;
    private final Promise<SecureSession> result;
    private final Duration timeout;
    private final NoiseFrameReader frames = new NoiseFrameReader();
    private boolean started;
    private boolean finished;
    private ScheduledFuture<?> timeoutTask;

    NoiseHandshakeHandler(Libp2pNoiseHandshake handshake, Promise<SecureSession> result, Duration timeout) {
        this.handshake = handshake;
        this.result = result;
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        timeoutTask = ctx.executor().schedule(
                () -> fail(ctx, new NoiseException("Noise handshake did not finish within " + timeout)),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            if (handshake.role() == Role.INITIATOR) {
                send(ctx, handshake.start());
            }
        } catch (NoiseException e) {
            fail(ctx, e);
        }
        if (!ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (finished || !(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        frames.append(ctx.alloc(), bytes);
        try {
            byte[] frame;
            while (!finished && (frame = frames.next()) != null) {
                byte[] reply = handshake.receive(frame);
                if (reply != null) {
                    send(ctx, reply);
                }
                if (handshake.isComplete()) {
                    succeed(ctx);
                }
            }
        } catch (NoiseException e) {
            fail(ctx, e);
        } catch (RuntimeException e) {
            fail(ctx, new NoiseException("Noise handshake failed unexpectedly: " + e, e));
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!finished && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new NoiseException("connection closed during the Noise handshake"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // after a failure the channel is closing and the failure is already reported
        fail(ctx, new NoiseException("connection failed during the Noise handshake: " + cause.getMessage(), cause));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ReferenceCountUtil.release(msg);
        promise.setFailure(new IllegalStateException(
                "nothing may be written before the Noise handshake completes; wait for the SecureSession future"));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelTimeout();
        frames.release();
    }

    private void send(ChannelHandlerContext ctx, byte[] message) {
        ByteBuf frame = ctx.alloc().buffer(NoiseFrameReader.LENGTH_BYTES + message.length);
        frame.writeShort(message.length);
        frame.writeBytes(message);
        ctx.writeAndFlush(frame);
    }

    /**
     * Swaps in the transport handler before completing the promise, so listeners (which run here,
     * on the event loop) can add the next layer behind it; only then are bytes that arrived after
     * the last handshake message passed on to be decrypted.
     */
    private void succeed(ChannelHandlerContext ctx) {
        SecureSession session = handshake.session();
        // taken before the swap: removing this handler releases what the reader still holds
        ByteBuf early = frames.takeRemaining();
        try {
            ctx.pipeline().replace(this, NoiseSecurity.TRANSPORT_HANDLER_NAME,
                    new NoiseTransportHandler(handshake.transportCiphers(), session.remotePeer()));
        } catch (RuntimeException e) {
            if (early != null) {
                early.release();
            }
            throw e;
        }
        finished = true;
        result.trySuccess(session);
        if (early != null) {
            ctx.fireChannelRead(early);
        }
    }

    private void fail(ChannelHandlerContext ctx, NoiseException cause) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimeout();
        frames.release();
        LOG.warn("Noise handshake as {} with {} failed: {}", handshake.role(), ctx.channel().remoteAddress(), cause.getMessage());
        result.tryFailure(cause);
        ctx.close();
    }

    private void cancelTimeout() {
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
    }
}
