package io.logos.delivery.libp2p.mux;

import static io.logos.delivery.libp2p.mux.LoopbackNetwork.await;
import static io.logos.delivery.libp2p.mux.LoopbackNetwork.onLoop;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logos.delivery.libp2p.multistream.MultistreamSelect;
import io.logos.delivery.libp2p.multistream.ProtocolNegotiationException;
import io.logos.delivery.libp2p.mux.LoopbackNetwork.Connection;
import io.logos.delivery.libp2p.mux.mplex.MplexMuxer;
import io.logos.delivery.libp2p.mux.yamux.YamuxMuxer;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The way the layers are meant to be used together, over loopback TCP: multistream-select picks the
 * muxer on the connection, then each stream negotiates its protocol.
 */
class ConnectionUpgradeTest {

    private static final String ECHO = "/echo/1.0.0";
    private static final Map<String, StreamMuxer> MUXERS = Stream.of(new YamuxMuxer(), new MplexMuxer())
            .collect(Collectors.toMap(StreamMuxer::protocolId, Function.identity()));

    private LoopbackNetwork network;

    @BeforeEach
    void startNetwork() throws InterruptedException {
        network = new LoopbackNetwork();
    }

    @AfterEach
    void stopNetwork() {
        network.close();
    }

    /** Every inbound stream negotiates and, for the echo protocol, echoes. */
    private static ChannelHandler echoProtocolResponder(CompletableFuture<String> agreed) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                MultistreamSelect.respond(stream, Set.of(ECHO)).addListener(f -> {
                    if (f.isSuccess()) {
                        stream.pipeline().addLast(EchoHandler.INSTANCE);
                        agreed.complete(((MuxedStreamChannel) stream).protocol());
                    }
                });
            }
        };
    }

    /** Negotiates a muxer on the connection's side and installs it once agreed. */
    private static Future<MuxedConnection> upgrade(Channel connection, boolean initiator, List<String> muxerIds,
                                                   ChannelHandler inbound) {
        Promise<MuxedConnection> muxed = connection.eventLoop().newPromise();
        Future<String> agreed = initiator
                ? MultistreamSelect.initiate(connection, muxerIds)
                : MultistreamSelect.respond(connection, Set.copyOf(muxerIds));
        agreed.addListener(f -> {
            if (f.isSuccess()) {
                muxed.setSuccess(MUXERS.get(agreed.getNow()).install(connection, initiator, inbound));
            } else {
                muxed.setFailure(f.cause());
            }
        });
        return muxed;
    }

    @ParameterizedTest
    @ValueSource(strings = {YamuxMuxer.PROTOCOL_ID, MplexMuxer.PROTOCOL_ID})
    void negotiatesTheMuxerThenTheProtocolOfEachStream(String muxerId) throws Exception {
        Connection connection = network.connect();
        CompletableFuture<String> listenerAgreed = new CompletableFuture<>();
        Future<MuxedConnection> listener = onLoop(connection.listener(), () -> upgrade(connection.listener(), false,
                List.of(YamuxMuxer.PROTOCOL_ID, MplexMuxer.PROTOCOL_ID), echoProtocolResponder(listenerAgreed)));
        Future<MuxedConnection> dialer = onLoop(connection.dialer(), () -> upgrade(connection.dialer(), true,
                List.of("/unknown-muxer/1.0.0", muxerId), EchoHandler.INSTANCE));
        MuxedConnection muxed = await(dialer);
        await(listener);
        assertEquals(muxerId, connection.dialer().attr(MultistreamSelect.PROTOCOL).get());
        assertEquals(muxerId, connection.listener().attr(MultistreamSelect.PROTOCOL).get());

        MuxedStreamChannel stream = await(muxed.openStream());
        assertEquals(ECHO, await(MultistreamSelect.initiate(stream, List.of("/not-here/1.0.0", ECHO))));
        assertEquals(ECHO, stream.protocol());
        assertEquals(ECHO, await(listenerAgreed));

        StreamRecorder recorder = new StreamRecorder();
        stream.pipeline().addLast(recorder);
        stream.writeAndFlush(Unpooled.copiedBuffer("over " + muxerId, StandardCharsets.UTF_8));
        stream.shutdownOutput();
        assertArrayEquals(("over " + muxerId).getBytes(StandardCharsets.UTF_8), await(recorder.endOfInput));

        MuxedStreamChannel listing = await(muxed.openStream());
        assertEquals(List.of(ECHO), await(MultistreamSelect.listProtocols(listing)));
        listing.close();

        MuxedStreamChannel unsupported = await(muxed.openStream());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> await(MultistreamSelect.initiate(unsupported, List.of("/nobody/1.0.0"))));
        assertInstanceOf(ProtocolNegotiationException.class, refused.getCause());
        await(unsupported.closeFuture());
    }

    @Test
    void malformedNegotiationClosesOnlyThatConnection() throws Exception {
        Connection broken = network.connect();
        Connection healthy = network.connect();
        Future<String> brokenListener = onLoop(broken.listener(),
                () -> MultistreamSelect.respond(broken.listener(), Set.of(YamuxMuxer.PROTOCOL_ID)));
        Future<String> healthyListener = onLoop(healthy.listener(),
                () -> MultistreamSelect.respond(healthy.listener(), Set.of(YamuxMuxer.PROTOCOL_ID)));

        broken.dialer().writeAndFlush(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
        Future<String> healthyDialer = onLoop(healthy.dialer(),
                () -> MultistreamSelect.initiate(healthy.dialer(), List.of(YamuxMuxer.PROTOCOL_ID)));

        ExecutionException failure = assertThrows(ExecutionException.class, () -> await(brokenListener));
        assertInstanceOf(ProtocolNegotiationException.class, failure.getCause());
        await(broken.listener().closeFuture());
        assertEquals(YamuxMuxer.PROTOCOL_ID, await(healthyDialer));
        assertEquals(YamuxMuxer.PROTOCOL_ID, await(healthyListener));
    }
}
