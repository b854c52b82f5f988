package io.logos.delivery.libp2p.mux;

import static io.logos.delivery.libp2p.mux.LoopbackNetwork.await;
import static io.logos.delivery.libp2p.mux.LoopbackNetwork.onLoop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.mux.LoopbackNetwork.Connection;
import io.logos.delivery.libp2p.mux.mplex.MplexMuxer;
import io.logos.delivery.libp2p.mux.yamux.YamuxMuxer;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.logos.delivery.libp2p.stream.StreamResetException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Behaviour every muxer shares, over real loopback TCP. */
class StreamMuxerTest {

    private LoopbackNetwork network;

    static Stream<StreamMuxer> muxers() {
        return Stream.of(new YamuxMuxer(), new MplexMuxer());
    }

    record Muxed(MuxedConnection dialer, MuxedConnection listener) {
    }

    @BeforeEach
    void startNetwork() throws InterruptedException {
        network = new LoopbackNetwork();
    }

    @AfterEach
    void stopNetwork() {
        network.close();
    }

    static Muxed install(Connection connection, StreamMuxer muxer, ChannelHandler dialerInbound,
                         ChannelHandler listenerInbound) throws Exception {
        MuxedConnection listener = onLoop(connection.listener(),
                () -> muxer.install(connection.listener(), false, listenerInbound));
        MuxedConnection dialer = onLoop(connection.dialer(),
                () -> muxer.install(connection.dialer(), true, dialerInbound));
        return new Muxed(dialer, listener);
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** An inbound-stream handler that records the stream and adds {@code handler} to it. */
    static ChannelHandler capturing(CompletableFuture<MuxedStreamChannel> stream, ChannelHandler handler) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(handler);
                stream.complete((MuxedStreamChannel) ch);
            }
        };
    }

    @ParameterizedTest
    @MethodSource("muxers")
    void manyConcurrentStreamsInBothDirectionsEchoIntact(StreamMuxer muxer) throws Exception {
        Muxed muxed = install(network.connect(), muxer, EchoHandler.INSTANCE, EchoHandler.INSTANCE);
        List<byte[]> payloads = new ArrayList<>();
        List<StreamRecorder> recorders = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            MuxedConnection opener = i % 2 == 0 ? muxed.dialer() : muxed.listener();
            byte[] payload = randomBytes(1000 + i * 397, i);
            StreamRecorder recorder = new StreamRecorder();
            MuxedStreamChannel stream = await(opener.openStream(recorder));
            stream.writeAndFlush(Unpooled.wrappedBuffer(payload));
            stream.shutdownOutput();
            payloads.add(payload);
            recorders.add(recorder);
        }
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), await(recorders.get(i).endOfInput), "echo of stream " + i);
            await(recorders.get(i).inactive);
        }
    }

    @ParameterizedTest
    @MethodSource("muxers")
    void halfCloseEndsOneDirectionAndTheStreamClosesWhenBothAreDone(StreamMuxer muxer) throws Exception {
        CompletableFuture<MuxedStreamChannel> serverStream = new CompletableFuture<>();
        StreamRecorder serverSide = new StreamRecorder();
        Muxed muxed = install(network.connect(), muxer, EchoHandler.INSTANCE, capturing(serverStream, serverSide));

        StreamRecorder clientSide = new StreamRecorder();
        MuxedStreamChannel client = await(muxed.dialer().openStream(clientSide));
        client.writeAndFlush(Unpooled.copiedBuffer("request", StandardCharsets.UTF_8));
        await(client.shutdownOutput());
        ExecutionException late = assertThrows(ExecutionException.class,
                () -> await(client.writeAndFlush(Unpooled.copiedBuffer("late", StandardCharsets.UTF_8))));
        assertInstanceOf(ChannelOutputShutdownException.class, late.getCause());

        assertArrayEquals("request".getBytes(StandardCharsets.UTF_8), await(serverSide.endOfInput));
        MuxedStreamChannel server = await(serverStream);
        assertTrue(server.isInputShutdown());
        assertTrue(server.isActive(), "the server can still answer");
        assertTrue(client.isActive(), "the client can still read");

        server.writeAndFlush(Unpooled.copiedBuffer("response", StandardCharsets.UTF_8));
        server.shutdownOutput();
        assertArrayEquals("response".getBytes(StandardCharsets.UTF_8), await(clientSide.endOfInput));
        await(client.closeFuture());
        await(server.closeFuture());
        assertFalse(serverSide.error.isDone());
        assertFalse(clientSide.error.isDone());
    }

    @ParameterizedTest
    @MethodSource("muxers")
    void resetByThePeerClosesTheStreamWithStreamResetException(StreamMuxer muxer) throws Exception {
        CompletableFuture<MuxedStreamChannel> serverStream = new CompletableFuture<>();
        ChannelHandler resetOnRead = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                ((MuxedStreamChannel) ctx.channel()).reset();
            }

            @Override
            public boolean isSharable() {
                return true;
            }
        };
        Muxed muxed = install(network.connect(), muxer, EchoHandler.INSTANCE, capturing(serverStream, resetOnRead));

        StreamRecorder clientSide = new StreamRecorder();
        MuxedStreamChannel client = await(muxed.dialer().openStream(clientSide));
        client.writeAndFlush(Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));

        assertInstanceOf(StreamResetException.class, await(clientSide.error));
        await(clientSide.inactive);
        await(await(serverStream).closeFuture());
        assertTrue(muxed.dialer().connection().isActive(), "a reset ends only the stream");
    }

    @ParameterizedTest
    @MethodSource("muxers")
    void fourMebibytesArriveIntactAndInOrder(StreamMuxer muxer) throws Exception {
        Muxed muxed = install(network.connect(), muxer, EchoHandler.INSTANCE, EchoHandler.INSTANCE);
        byte[] payload = randomBytes(4 * 1024 * 1024, 42);
        StreamRecorder recorder = new StreamRecorder();
        MuxedStreamChannel stream = await(muxed.dialer().openStream(recorder));
        for (int offset = 0; offset < payload.length; offset += 100_000) {
            stream.write(Unpooled.wrappedBuffer(payload, offset, Math.min(100_000, payload.length - offset)));
        }
        stream.flush();
        stream.shutdownOutput();
        assertArrayEquals(payload, await(recorder.endOfInput));
    }

    @ParameterizedTest
    @MethodSource("muxers")
    void withoutAutoReadEachReadDeliversOneMessage(StreamMuxer muxer) throws Exception {
        CompletableFuture<MuxedStreamChannel> serverStream = new CompletableFuture<>();
        StreamRecorder serverSide = new StreamRecorder();
        Muxed muxed = install(network.connect(), muxer, EchoHandler.INSTANCE, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.config().setAutoRead(false);
                ch.pipeline().addLast(serverSide);
                serverStream.complete((MuxedStreamChannel) ch);
            }
        });
        MuxedStreamChannel client = await(muxed.dialer().openStream());
        client.writeAndFlush(Unpooled.copiedBuffer("a", StandardCharsets.UTF_8));
        client.writeAndFlush(Unpooled.copiedBuffer("b", StandardCharsets.UTF_8));
        client.shutdownOutput();

        MuxedStreamChannel server = await(serverStream);
        LoopbackNetwork.waitUntil(() -> buffered(server) == 2, "both messages wait unread");
        assertEquals(0, serverSide.receivedLength());
        onLoop(server, server::read);
        assertEquals(1, serverSide.receivedLength());
        onLoop(server, server::read);
        assertArrayEquals("ab".getBytes(StandardCharsets.UTF_8), await(serverSide.endOfInput));
    }

    private static long buffered(MuxedStreamChannel stream) {
        try {
            return onLoop(stream, stream::bufferedInboundBytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @MethodSource("muxers")
    void closingTheConnectionClosesItsStreams(StreamMuxer muxer) throws Exception {
        CompletableFuture<MuxedStreamChannel> serverStream = new CompletableFuture<>();
        StreamRecorder serverSide = new StreamRecorder();
        Muxed muxed = install(network.connect(), muxer, EchoHandler.INSTANCE, capturing(serverStream, serverSide));
        StreamRecorder clientSide = new StreamRecorder();
        MuxedStreamChannel client = await(muxed.dialer().openStream(clientSide));
        client.writeAndFlush(Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8));
        await(serverStream);

        await(muxed.dialer().close());

        await(clientSide.inactive);
        await(serverSide.inactive);
        Future<MuxedStreamChannel> afterClose = muxed.dialer().openStream();
        assertThrows(ExecutionException.class, () -> await(afterClose));
    }
}
