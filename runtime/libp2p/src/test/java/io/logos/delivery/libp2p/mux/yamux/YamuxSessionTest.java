package io.logos.delivery.libp2p.mux.yamux;

import static io.logos.delivery.libp2p.mux.LoopbackNetwork.await;
import static io.logos.delivery.libp2p.mux.LoopbackNetwork.onLoop;
import static io.logos.delivery.libp2p.mux.LoopbackNetwork.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.mux.EchoHandler;
import io.logos.delivery.libp2p.mux.LoopbackNetwork;
import io.logos.delivery.libp2p.mux.LoopbackNetwork.Connection;
import io.logos.delivery.libp2p.mux.StreamRecorder;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** yamux specifics over loopback TCP: ids, ping, go-away, windows and protocol errors. */
class YamuxSessionTest {

    private static final int WINDOW = 256 * 1024;

    private LoopbackNetwork network;

    @BeforeEach
    void startNetwork() throws InterruptedException {
        network = new LoopbackNetwork();
    }

    @AfterEach
    void stopNetwork() {
        network.close();
    }

    private record Sessions(YamuxSession dialer, YamuxSession listener) {
    }

    private static Sessions install(Connection connection, ChannelHandler listenerInbound) throws Exception {
        YamuxMuxer muxer = new YamuxMuxer();
        YamuxSession listener = onLoop(connection.listener(),
                () -> muxer.install(connection.listener(), false, listenerInbound));
        YamuxSession dialer = onLoop(connection.dialer(),
                () -> muxer.install(connection.dialer(), true, EchoHandler.INSTANCE));
        return new Sessions(dialer, listener);
    }

    /** A yamux header, encoded here independently of the code under test. */
    private static ByteBuf frame(int type, int flags, long streamId, long length) {
        return Unpooled.buffer(12).writeByte(0).writeByte(type).writeShort(flags)
                .writeInt((int) streamId).writeInt((int) length);
    }

    private static void echoes(YamuxSession session, String text) throws Exception {
        StreamRecorder recorder = new StreamRecorder();
        MuxedStreamChannel stream = await(session.openStream(recorder));
        stream.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        stream.shutdownOutput();
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), await(recorder.endOfInput));
    }

    @Test
    void dialerStreamsHaveOddIdsAndListenerStreamsEvenOnes() throws Exception {
        Sessions sessions = install(network.connect(), EchoHandler.INSTANCE);
        assertEquals(1, await(sessions.dialer().openStream()).streamId());
        assertEquals(3, await(sessions.dialer().openStream()).streamId());
        assertEquals(2, await(sessions.listener().openStream()).streamId());
        assertEquals(4, await(sessions.listener().openStream()).streamId());
    }

    @Test
    void pingIsAnsweredBothWays() throws Exception {
        Sessions sessions = install(network.connect(), EchoHandler.INSTANCE);
        Duration dialerRtt = await(sessions.dialer().ping());
        Duration listenerRtt = await(sessions.listener().ping());
        assertFalse(dialerRtt.isNegative());
        assertFalse(listenerRtt.isNegative());
    }

    @Test
    void goAwayStopsNewStreamsWhileOpenOnesGoOn() throws Exception {
        Sessions sessions = install(network.connect(), EchoHandler.INSTANCE);
        StreamRecorder recorder = new StreamRecorder();
        MuxedStreamChannel open = await(sessions.dialer().openStream(recorder));
        // the listener must have accepted the stream before it goes away, or it refuses it (as it should)
        open.writeAndFlush(Unpooled.copiedBuffer("hello, ", StandardCharsets.UTF_8));
        waitUntil(() -> recorder.receivedLength() == 7, "the echo shows the listener accepted the stream");

        await(sessions.listener().goAway());
        // the ping answer comes after the go-away on the same connection, so the dialer has seen it
        await(sessions.dialer().ping());

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> await(sessions.dialer().openStream()));
        assertTrue(refused.getCause().getMessage().contains("go-away"), refused.getCause().getMessage());
        assertThrows(ExecutionException.class, () -> await(sessions.listener().openStream()));

        open.writeAndFlush(Unpooled.copiedBuffer("still here", StandardCharsets.UTF_8));
        open.shutdownOutput();
        assertArrayEquals("hello, still here".getBytes(StandardCharsets.UTF_8), await(recorder.endOfInput));
    }

    @Test
    void theReceiveWindowHoldsTheSenderBackUntilTheReaderReads() throws Exception {
        CompletableFuture<MuxedStreamChannel> serverStream = new CompletableFuture<>();
        StreamRecorder serverSide = new StreamRecorder();
        Sessions sessions = install(network.connect(), new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.config().setAutoRead(false);
                ch.pipeline().addLast(serverSide);
                serverStream.complete((MuxedStreamChannel) ch);
            }
        });
        byte[] payload = new byte[1024 * 1024];
        Arrays.fill(payload, (byte) 7);
        MuxedStreamChannel client = await(sessions.dialer().openStream());
        ChannelFuture written = client.writeAndFlush(Unpooled.wrappedBuffer(payload));

        MuxedStreamChannel server = await(serverStream);
        waitUntil(() -> buffered(server) == WINDOW, "the window is full on the reader's side");
        assertFalse(written.isDone(), "the rest of the write waits for the window");
        assertFalse(client.isWritable());
        assertEquals(0, serverSide.receivedLength());

        server.config().setAutoRead(true);
        await(written);
        waitUntil(() -> serverSide.receivedLength() == payload.length, "all bytes are read");
        assertTrue(client.isWritable());
    }

    private static long buffered(MuxedStreamChannel stream) {
        try {
            return onLoop(stream, stream::bufferedInboundBytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anUnknownFrameTypeFailsOnlyThatConnection() throws Exception {
        Sessions broken = install(network.connect(), EchoHandler.INSTANCE);
        Sessions healthy = install(network.connect(), EchoHandler.INSTANCE);

        broken.dialer().connection().writeAndFlush(frame(9, 0, 0, 0));

        await(broken.listener().connection().closeFuture());
        // the listener said why: a go-away with protocol error, after which the dialer closes too
        await(broken.dialer().connection().closeFuture());
        echoes(healthy.dialer(), "unaffected");
        echoes(healthy.listener(), "unaffected either way");
    }

    @Test
    void aDataLengthBeyondAnyWindowFailsTheConnectionWithoutWaitingForTheBytes() throws Exception {
        Connection raw = network.connect();
        Sessions healthy = install(network.connect(), EchoHandler.INSTANCE);
        onLoop(raw.listener(), () -> new YamuxMuxer().install(raw.listener(), false, EchoHandler.INSTANCE));

        raw.dialer().writeAndFlush(frame(0, 1, 1, 0x7FFF_FFFFL));

        await(raw.listener().closeFuture());
        echoes(healthy.dialer(), "unaffected");
    }

    @Test
    void dataBeyondTheStreamWindowIsAProtocolErrorAnsweredWithGoAway() throws Exception {
        Connection raw = network.connect();
        StreamRecorder peer = new StreamRecorder();
        onLoop(raw.dialer(), () -> raw.dialer().pipeline().addLast(peer));
        onLoop(raw.listener(), () -> new YamuxMuxer().install(raw.listener(), false, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.config().setAutoRead(false); // nothing is consumed, so the window never reopens
            }
        }));

        int chunk = 200 * 1024;
        raw.dialer().write(frame(1, 1, 1, 0)); // SYN for stream 1
        raw.dialer().write(frame(0, 0, 1, chunk));
        raw.dialer().write(Unpooled.wrappedBuffer(new byte[chunk]));
        raw.dialer().write(frame(0, 0, 1, chunk));
        raw.dialer().writeAndFlush(Unpooled.wrappedBuffer(new byte[chunk]));

        await(raw.listener().closeFuture());
        await(peer.inactive);
        byte[] answer = peer.received();
        byte[] ack = {0, 1, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0};
        byte[] protocolErrorGoAway = {0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        assertArrayEquals(ack, Arrays.copyOfRange(answer, 0, 12), "the stream was acknowledged");
        assertArrayEquals(protocolErrorGoAway, Arrays.copyOfRange(answer, answer.length - 12, answer.length));
    }
}
