package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.fuzz.FuzzSupport.drainOutbound;
import static io.logos.delivery.libp2p.fuzz.FuzzSupport.expectOneOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.mux.MuxedConnection;
import io.logos.delivery.libp2p.mux.StreamMuxer;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness the muxer fuzz targets share: a session installed on an EmbeddedChannel, fed the
 * operations an input lists, with streams whose behaviour the input picks.
 *
 * <p>Contract checked here: no exception leaves the connection's pipeline; what reaches a stream's
 * pipeline is bytes or an IOException (reset, protocol error, closed connection); what this side
 * writes is well-formed; when the connection closes, every stream closes; a frame the muxer must
 * reject as a protocol error closes the connection; afterwards every buffer is released.
 */
abstract class MuxerFuzzing {

    final FuzzSupport.TrackingAllocator allocator = new FuzzSupport.TrackingAllocator();
    final EmbeddedChannel connection = new EmbeddedChannel();
    final List<Probe> probes = new ArrayList<>();
    final List<MuxedStreamChannel> localStreams = new ArrayList<>();
    MuxedConnection session;
    /** Every inbound byte so far was a whole frame the harness built, so the frame boundaries are known. */
    boolean inSync = true;
    /** A whole frame that breaks the protocol was sent while in sync. */
    boolean mustFail;
    /** Bytes the peer sent, bytes this side wrote, and what this side's own operations account for. */
    long injected;
    long written;
    long ownWrites;

    /** Installs the muxer; {@code policy} picks what the streams the peer opens do. */
    void install(StreamMuxer muxer, boolean initiator, int policy) {
        connection.config().setAllocator(allocator);
        ChannelHandler inbound = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                Probe probe = new Probe(policy);
                probes.add(probe);
                stream.pipeline().addLast(probe);
                if ((policy & 4) != 0) {
                    stream.config().setAutoRead(false); // a reader that never reads
                }
            }
        };
        session = muxer.install(connection, initiator, inbound);
    }

    /** Checks the wire format of what this side wrote. */
    abstract void assertWellFormed(byte[] written);

    void inject(byte[] bytes) {
        if (!connection.isOpen()) {
            return;
        }
        // from the tracking allocator, so that finish() checks the decoder released it
        injected += bytes.length;
        connection.writeInbound(allocator.buffer(bytes.length).writeBytes(bytes));
        afterStep();
    }

    void afterStep() {
        connection.checkException(); // nothing may reach the end of the connection's pipeline
        connection.runPendingTasks();
        byte[] out = drainOutbound(connection);
        assertWellFormed(out);
        // no amplification: answers (acks, pongs, resets, window updates, echoes) stay proportional
        written += out.length;
        assertTrue(written <= 2 * injected + ownWrites + 1024,
                "wrote " + written + " bytes for " + injected + " received (" + ownWrites + " of our own)");
        for (Probe probe : probes) {
            if (probe.error != null) {
                expectOneOf(probe.error, IOException.class);
            }
        }
    }

    /** Operations every muxer has: open, write, half-close, close, reset, go away. */
    void localOperation(FuzzInput in) {
        ownWrites += 64; // an opening, closing or go-away frame
        int op = in.u8() % 6;
        if (op == 0 || localStreams.isEmpty()) {
            Probe probe = new Probe(0);
            Future<MuxedStreamChannel> opened = session.openStream(probe);
            assertTrue(opened.isDone(), "opening a stream did not complete on the event loop");
            if (opened.isSuccess()) {
                probes.add(probe);
                localStreams.add(opened.getNow());
            } else {
                expectOneOf(opened.cause(), IOException.class);
            }
        } else {
            MuxedStreamChannel stream = localStreams.get(in.u8() % localStreams.size());
            switch (op) {
                case 1 -> {
                    byte[] data = in.chunk();
                    ownWrites += data.length + 32; // the data and its frame headers
                    stream.writeAndFlush(allocator.buffer().writeBytes(data));
                }
                case 2 -> stream.shutdownOutput();
                case 3 -> stream.close();
                case 4 -> stream.reset();
                default -> session.goAway();
            }
        }
        afterStep();
    }

    /** Closes the connection and checks what must hold then. */
    void finish() {
        if (mustFail) {
            assertFalse(connection.isOpen(), "a frame that breaks the protocol left the connection open");
        }
        if (!connection.isOpen()) {
            for (Probe probe : probes) {
                assertFalse(probe.active, "a stream stayed open after its connection closed");
            }
        }
        session.close();
        connection.finishAndReleaseAll();
        connection.checkException();
        for (Probe probe : probes) {
            assertFalse(probe.active, "a stream stayed open after its connection closed");
            probe.releaseAll();
        }
        allocator.assertAllReleased("after the connection closed");
    }

    /**
     * A stream's application: by policy it echoes, keeps what it reads, closes or resets on the first
     * bytes. Records what reaches the pipeline's end.
     */
    static final class Probe extends ChannelInboundHandlerAdapter {
        private final int policy;
        private final List<Object> kept = new ArrayList<>();
        boolean active = true;
        Throwable error;

        Probe(int policy) {
            this.policy = policy;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf)) {
                ReferenceCountUtil.release(msg);
                throw new AssertionError("a " + msg.getClass().getName() + " reached a stream, not bytes");
            }
            switch (policy & 3) {
                case 0 -> ctx.writeAndFlush(msg); // echo
                case 1 -> kept.add(msg);
                case 2 -> {
                    ReferenceCountUtil.release(msg);
                    ctx.close();
                }
                default -> {
                    ReferenceCountUtil.release(msg);
                    ((MuxedStreamChannel) ctx.channel()).reset();
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            error = cause;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            active = false;
            ctx.fireChannelInactive();
        }

        void releaseAll() {
            kept.forEach(ReferenceCountUtil::release);
            kept.clear();
        }
    }
}
