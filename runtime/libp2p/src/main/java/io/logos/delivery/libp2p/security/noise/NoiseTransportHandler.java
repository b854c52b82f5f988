package io.logos.delivery.libp2p.security.noise;

import io.logos.delivery.libp2p.peer.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Noise transport phase: decrypts inbound frames into plaintext ByteBufs and encrypts
 * outbound ByteBufs into frames of at most 65535 bytes, splitting larger writes.
 *
 * <p>A frame that fails authentication (or is too short to carry its tag) ends the session: one
 * log line, then the channel is closed; nothing of it reaches later handlers.
 */
final class NoiseTransportHandler extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(NoiseTransportHandler.class);
    /** The Noise spec's maximum message size, which the 2-byte length field also imposes. */
    static final int MAX_FRAME_BYTES = 65535;
    static final int MAX_PLAINTEXT_BYTES = MAX_FRAME_BYTES - CipherState.TAG_BYTES;
    private static final byte[] NO_AD = new byte[0];

    private final CipherState sender;
    private final CipherState receiver;
    private final PeerId remotePeer;
    private final NoiseFrameReader frames = new NoiseFrameReader();
    private boolean failed;

    NoiseTransportHandler(TransportCiphers ciphers, PeerId remotePeer) {
        this.sender = ciphers.sender();
        this.receiver = ciphers.receiver();
        this.remotePeer = remotePeer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed || !(msg instanceof ByteBuf bytes)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        frames.append(ctx.alloc(), bytes);
        try {
            byte[] frame;
            while (!failed && (frame = frames.next()) != null) {
                byte[] plaintext = receiver.decryptWithAd(NO_AD, frame);
                if (plaintext.length > 0) {
                    ctx.fireChannelRead(Unpooled.wrappedBuffer(plaintext));
                }
            }
        } catch (NoiseException e) {
            fail(ctx, e);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf plaintext)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new IllegalArgumentException(
                    "a Noise channel carries ByteBufs only, got " + msg.getClass().getName()));
            return;
        }
        try {
            ctx.write(encrypt(ctx.alloc(), plaintext), promise);
        } catch (NoiseException e) {
            promise.setFailure(e);
            fail(ctx, e);
        } finally {
            plaintext.release();
        }
    }

    private ByteBuf encrypt(ByteBufAllocator allocator, ByteBuf plaintext) throws NoiseException {
        int remaining = plaintext.readableBytes();
        if (remaining == 0) {
            return Unpooled.EMPTY_BUFFER;
        }
        int frameCount = (remaining + MAX_PLAINTEXT_BYTES - 1) / MAX_PLAINTEXT_BYTES;
        ByteBuf out = allocator.buffer(remaining + frameCount * (NoiseFrameReader.LENGTH_BYTES + CipherState.TAG_BYTES));
        try {
            while (plaintext.isReadable()) {
                byte[] chunk = new byte[Math.min(plaintext.readableBytes(), MAX_PLAINTEXT_BYTES)];
                plaintext.readBytes(chunk);
                byte[] ciphertext = sender.encryptWithAd(NO_AD, chunk);
                out.writeShort(ciphertext.length);
                out.writeBytes(ciphertext);
            }
            return out;
        } catch (NoiseException e) {
            out.release();
            throw e;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        frames.release();
    }

    private void fail(ChannelHandlerContext ctx, NoiseException cause) {
        if (failed) {
            return;
        }
        failed = true;
        frames.release();
        LOG.warn("Closing Noise session with {} at {}: {}", remotePeer, ctx.channel().remoteAddress(), cause.getMessage());
        ctx.close();
    }
}
