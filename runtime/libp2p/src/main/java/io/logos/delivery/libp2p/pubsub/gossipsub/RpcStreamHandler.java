package io.logos.delivery.libp2p.pubsub.gossipsub;

import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.pb.RpcProto.RPC;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes the RPCs decoded from one stream of a peer to the router's thread. While too many of them wait
 * there, the stream stops reading, so a fast sender is held back by the muxer's flow control rather than
 * by our memory. A broken frame resets the stream with one log line; the peer's other streams go on.
 */
final class RpcStreamHandler extends SimpleChannelInboundHandler<RPC> {

    private static final Logger LOG = LoggerFactory.getLogger(RpcStreamHandler.class);

    /** RPCs of one stream allowed to wait for the router before the stream stops reading. */
    private static final int MAX_WAITING_RPCS = 64;

    private final PeerId peer;
    private final Executor routerExecutor;
    private final BiConsumer<PeerId, RPC> router;
    private final boolean closeWhenPeerDoneWriting;
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param router                   receives each RPC on the router's thread
     * @param closeWhenPeerDoneWriting true for inbound streams, which exist only for reading; our outbound
     *                                 stream stays open for writing when the peer half-closes it
     */
    RpcStreamHandler(PeerId peer, Executor routerExecutor, BiConsumer<PeerId, RPC> router,
                     boolean closeWhenPeerDoneWriting) {
        this.peer = peer;
        this.routerExecutor = routerExecutor;
        this.router = router;
        this.closeWhenPeerDoneWriting = closeWhenPeerDoneWriting;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RPC rpc) {
        Channel stream = ctx.channel();
        if (waiting.incrementAndGet() >= MAX_WAITING_RPCS) {
            stream.config().setAutoRead(false);
        }
        try {
            routerExecutor.execute(() -> {
                try {
                    router.accept(peer, rpc);
                } finally {
                    if (waiting.decrementAndGet() == 0 && !stream.config().isAutoRead()) {
                        stream.eventLoop().execute(() -> stream.config().setAutoRead(true));
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("pubsub is closed; closing stream {} of {}", stream, peer);
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent && closeWhenPeerDoneWriting) {
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
            LOG.warn("resetting pubsub stream {} of {}: {}", ctx.channel(), peer,
                    cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage());
            abort(ctx.channel());
        } else if (cause instanceof IOException) {
            LOG.debug("pubsub stream {} of {} broke: {}", ctx.channel(), peer, cause.toString());
            ctx.close();
        } else {
            LOG.warn("resetting pubsub stream {} of {}", ctx.channel(), peer, cause);
            abort(ctx.channel());
        }
    }

    /** Ends a stream the peer broke: a reset tells it the stream was aborted, not finished. */
    private static void abort(Channel stream) {
        if (stream instanceof MuxedStreamChannel muxed) {
            muxed.reset();
        } else {
            stream.close();
        }
    }
}
