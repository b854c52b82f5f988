package io.logos.delivery.libp2p.fuzz;

import static io.logos.delivery.libp2p.mux.LoopbackNetwork.await;
import static io.logos.delivery.libp2p.mux.LoopbackNetwork.onLoop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.mux.EchoHandler;
import io.logos.delivery.libp2p.mux.MuxedConnection;
import io.logos.delivery.libp2p.mux.StreamMuxer;
import io.logos.delivery.libp2p.mux.StreamRecorder;
import io.logos.delivery.libp2p.mux.mplex.MplexMuxer;
import io.logos.delivery.libp2p.mux.yamux.YamuxMuxer;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.logos.delivery.libp2p.stream.StreamResetException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A peer lying about a frame's length harms only what it may harm: its stream (mplex oversized
 * frame) or its own connection (yamux length beyond any window), while another connection served by
 * the same event loop thread keeps serving, including a stream it opened before the attack.
 */
class MuxerIsolationTest {

    /** One event loop thread for the listener and every connection, so the attack shares it with the victim's neighbour. */
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    private Channel server;

    private record Sessions(MuxedConnection dialer, MuxedConnection listener) {
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Sessions connect(StreamMuxer muxer) throws Exception {
        if (server == null) {
            server = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            accepted.add(ch);
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
        }
        Channel dialer = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                })
                .connect(server.localAddress()).sync().channel();
        Channel listener = accepted.poll(20, TimeUnit.SECONDS);
        assertTrue(listener != null, "no connection accepted");
        assertSame(dialer.eventLoop(), listener.eventLoop());
        MuxedConnection listenerSession = onLoop(listener, () -> muxer.install(listener, false, EchoHandler.INSTANCE));
        MuxedConnection dialerSession = onLoop(dialer, () -> muxer.install(dialer, true, EchoHandler.INSTANCE));
        return new Sessions(dialerSession, listenerSession);
    }

    /** A stream with an echo at the other end, its first bytes sent. */
    private record OpenStream(MuxedStreamChannel stream, StreamRecorder recorder) {
        static OpenStream open(MuxedConnection session, String text) throws Exception {
            StreamRecorder recorder = new StreamRecorder();
            MuxedStreamChannel stream = await(session.openStream(recorder));
            await(stream.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
            return new OpenStream(stream, recorder);
        }

        /** Sends the rest, half-closes and checks the whole text came back. */
        void finishesEcho(String first, String rest) throws Exception {
            stream.writeAndFlush(Unpooled.copiedBuffer(rest, StandardCharsets.UTF_8));
            stream.shutdownOutput();
            assertArrayEquals((first + rest).getBytes(StandardCharsets.UTF_8), await(recorder.endOfInput));
        }
    }

    private static void echoes(MuxedConnection session, String text) throws Exception {
        StreamRecorder recorder = new StreamRecorder();
        MuxedStreamChannel stream = await(session.openStream(recorder));
        stream.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        stream.shutdownOutput();
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), await(recorder.endOfInput));
    }

    @Test
    void yamuxDataLengthBeyondAnyWindowFailsOnlyThatConnection() throws Exception {
        Sessions victim = connect(new YamuxMuxer());
        Sessions neighbour = connect(new YamuxMuxer());
        assertSame(victim.listener().connection().eventLoop(), neighbour.listener().connection().eventLoop());
        OpenStream before = OpenStream.open(neighbour.dialer(), "opened before ");

        // a data frame header on stream 1 announcing 4 GiB - 1, with no bytes behind it
        ByteBuf lie = Unpooled.buffer(12).writeByte(0).writeByte(0).writeShort(1).writeInt(1).writeInt(0xFFFF_FFFF);
        victim.dialer().connection().writeAndFlush(lie);

        await(victim.listener().connection().closeFuture());
        await(victim.dialer().connection().closeFuture());
        echoes(neighbour.dialer(), "unaffected");
        echoes(neighbour.listener(), "unaffected either way");
        before.finishesEcho("opened before ", "and still serving");
    }

    @Test
    void mplexLyingLengthPrefixResetsOnlyItsStream() throws Exception {
        Sessions victim = connect(new MplexMuxer());
        Sessions neighbour = connect(new MplexMuxer());
        assertSame(victim.listener().connection().eventLoop(), neighbour.listener().connection().eventLoop());
        StreamRecorder attacked = OpenStream.open(victim.dialer(), "hello").recorder();
        OpenStream before = OpenStream.open(neighbour.dialer(), "opened before ");

        // a message on the victim's stream 0 announcing 2^40 bytes (far above the 1 MiB limit), none sent
        ByteBuf lie = Unpooled.buffer().writeByte(0x02); // stream 0, MessageInitiator
        for (int i = 0; i < 5; i++) {
            lie.writeByte(0x80);
        }
        lie.writeByte(0x20); // 0x20 << 35 = 2^40
        victim.dialer().connection().writeAndFlush(lie);

        assertInstanceOf(StreamResetException.class, await(attacked.error));
        await(attacked.inactive);
        // only the stream is reset; the connection stays up (skipping the announced bytes as they come)
        assertTrue(victim.listener().connection().isActive(), "the lie failed the whole connection");
        echoes(neighbour.dialer(), "unaffected");
        echoes(neighbour.listener(), "unaffected either way");
        before.finishesEcho("opened before ", "and still serving");
    }

    @Test
    void mplexMalformedHeaderFailsOnlyThatConnection() throws Exception {
        Sessions victim = connect(new MplexMuxer());
        Sessions neighbour = connect(new MplexMuxer());
        OpenStream before = OpenStream.open(neighbour.dialer(), "opened before ");

        byte[] tenContinuationBytes = new byte[10];
        java.util.Arrays.fill(tenContinuationBytes, (byte) 0xff);
        victim.dialer().connection().writeAndFlush(Unpooled.wrappedBuffer(tenContinuationBytes));

        await(victim.listener().connection().closeFuture());
        echoes(neighbour.dialer(), "unaffected");
        before.finishesEcho("opened before ", "and still serving");
    }
}
