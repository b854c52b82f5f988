package io.logos.delivery.libp2p.mux.mplex;

import static io.logos.delivery.libp2p.mux.LoopbackNetwork.await;
import static io.logos.delivery.libp2p.mux.LoopbackNetwork.onLoop;
import static io.logos.delivery.libp2p.mux.LoopbackNetwork.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.mux.EchoHandler;
import io.logos.delivery.libp2p.mux.LoopbackNetwork;
import io.logos.delivery.libp2p.mux.LoopbackNetwork.Connection;
import io.logos.delivery.libp2p.mux.StreamRecorder;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.logos.delivery.libp2p.stream.StreamResetException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mplex specifics over loopback TCP: wire format, size limit, slow readers, malformed input, go-away. */
class MplexSessionTest {

    private LoopbackNetwork network;

    @BeforeEach
    void startNetwork() throws InterruptedException {
        network = new LoopbackNetwork();
    }

    @AfterEach
    void stopNetwork() {
        network.close();
    }

    private record Sessions(MplexSession dialer, MplexSession listener) {
    }

    private static Sessions install(Connection connection, MplexMuxer listenerMuxer, ChannelHandler listenerInbound)
            throws Exception {
        MplexSession listener = onLoop(connection.listener(),
                () -> listenerMuxer.install(connection.listener(), false, listenerInbound));
        MplexSession dialer = onLoop(connection.dialer(),
                () -> new MplexMuxer().install(connection.dialer(), true, EchoHandler.INSTANCE));
        return new Sessions(dialer, listener);
    }

    private static Sessions install(Connection connection) throws Exception {
        return install(connection, new MplexMuxer(), EchoHandler.INSTANCE);
    }

    private static void echoes(MplexSession session, String text) throws Exception {
        StreamRecorder recorder = new StreamRecorder();
        MuxedStreamChannel stream = await(session.openStream(recorder));
        stream.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        stream.shutdownOutput();
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), await(recorder.endOfInput));
    }

    @Test
    void framesFollowTheSpec() throws Exception {
        Connection connection = network.connect();
        StreamRecorder peer = new StreamRecorder();
        onLoop(connection.listener(), () -> connection.listener().pipeline().addLast(peer));
        MplexSession dialer = onLoop(connection.dialer(),
                () -> new MplexMuxer().install(connection.dialer(), true, EchoHandler.INSTANCE));

        MuxedStreamChannel stream = await(dialer.openStream());
        stream.writeAndFlush(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8));
        await(stream.shutdownOutput());
        await(stream.reset());

        byte[] expected = {
            0x00, 0x01, '0',      // NewStream, id 0, named "0"
            0x02, 0x02, 'h', 'i', // MessageInitiator
            0x04, 0x00,           // CloseInitiator
            0x06, 0x00,           // ResetInitiator
        };
        LoopbackNetwork.waitUntil(() -> peer.receivedLength() == expected.length, "all frames arrived");
        assertArrayEquals(expected, peer.received());
    }

    @Test
    void anOversizedFrameResetsOnlyItsStream() throws Exception {
        Sessions sessions = install(network.connect());
        StreamRecorder victim = new StreamRecorder();
        MuxedStreamChannel stream = await(sessions.dialer().openStream(victim));
        assertEquals(0, stream.streamId());

        int oversized = 2 * 1024 * 1024;
        ByteBuf header = Unpooled.buffer().writeByte(0x02); // stream 0, MessageInitiator
        header.writeByte(0x80).writeByte(0x80).writeByte(0x80).writeByte(0x01); // varint 2 MiB
        sessions.dialer().connection().write(header);
        sessions.dialer().connection().writeAndFlush(Unpooled.wrappedBuffer(new byte[oversized]));

        assertInstanceOf(StreamResetException.class, await(victim.error));
        await(victim.inactive);
        echoes(sessions.dialer(), "the connection goes on");
        assertTrue(sessions.listener().connection().isActive());
    }

    @Test
    void aMalformedVarintFailsOnlyThatConnection() throws Exception {
        Sessions broken = install(network.connect());
        Sessions healthy = install(network.connect());

        byte[] tenContinuationBytes = new byte[10];
        Arrays.fill(tenContinuationBytes, (byte) 0xff);
        broken.dialer().connection().writeAndFlush(Unpooled.wrappedBuffer(tenContinuationBytes));

        await(broken.listener().connection().closeFuture());
        await(broken.dialer().connection().closeFuture());
        echoes(healthy.dialer(), "unaffected");
    }

    @Test
    void aStreamWhoseReaderFallsTooFarBehindIsReset() throws Exception {
        ChannelHandler firstStreamNeverReads = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (((MuxedStreamChannel) ch).streamId() == 0) {
                    ch.config().setAutoRead(false);
                } else {
                    ch.pipeline().addLast(EchoHandler.INSTANCE);
                }
            }
        };
        MplexMuxer strict = new MplexMuxer(new MplexConfig(64 * 1024, 256 * 1024, 10));
        Sessions sessions = install(network.connect(), strict, firstStreamNeverReads);
        StreamRecorder writer = new StreamRecorder();
        MuxedStreamChannel stream = await(sessions.dialer().openStream(writer));

        stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[1024 * 1024]));

        assertInstanceOf(StreamResetException.class, await(writer.error));
        echoes(sessions.dialer(), "other streams go on");
    }

    @Test
    void afterGoAwayThePeersNewStreamsAreReset() throws Exception {
        Sessions sessions = install(network.connect());
        StreamRecorder earlier = new StreamRecorder();
        MuxedStreamChannel openBefore = await(sessions.dialer().openStream(earlier));
        // the listener must have accepted the stream before it goes away, or it refuses it (as it should)
        openBefore.writeAndFlush(Unpooled.copiedBuffer("hello, ", StandardCharsets.UTF_8));
        waitUntil(() -> earlier.receivedLength() == 7, "the echo shows the listener accepted the stream");
        await(sessions.listener().goAway());

        StreamRecorder refused = new StreamRecorder();
        MuxedStreamChannel stream = await(sessions.dialer().openStream(refused));
        stream.writeAndFlush(Unpooled.copiedBuffer("anyone?", StandardCharsets.UTF_8));
        assertInstanceOf(StreamResetException.class, await(refused.error));

        openBefore.writeAndFlush(Unpooled.copiedBuffer("still served", StandardCharsets.UTF_8));
        openBefore.shutdownOutput();
        assertArrayEquals("hello, still served".getBytes(StandardCharsets.UTF_8), await(earlier.endOfInput));
    }
}
