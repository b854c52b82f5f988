package io.logos.delivery.libp2p.framed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.mux.LoopbackNetwork;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FramedStreamTest {

    private static final String ECHO = "/test/framed-echo/1.0.0";
    private static final int MAX = 1024;

    private final List<Host> hosts = new ArrayList<>();
    private Host server;
    private Host client;

    @BeforeEach
    void connect() throws Exception {
        server = start();
        client = start();
        server.setFramedHandler(ECHO, MAX, FramedStreamTest::echoUntilEnd);
        LoopbackNetwork.await(client.dial(server.dialableAddresses().getFirst()));
    }

    private Host start() throws Exception {
        Host host = new Host(HostConfig.of(Keys.generate(), List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")), "test"));
        hosts.add(host);
        LoopbackNetwork.await(host.start());
        return host;
    }

    @AfterEach
    void stop() throws Exception {
        for (Host host : hosts) {
            host.stop().get(10, TimeUnit.SECONDS);
        }
    }

    /** Answers every frame with the same bytes, then closes its side when the peer does. */
    private static void echoUntilEnd(FramedStream stream) {
        stream.read().thenAccept(frame -> {
            if (frame.isEmpty()) {
                stream.closeWrite();
            } else {
                stream.write(frame.get()).thenRun(() -> echoUntilEnd(stream));
            }
        }).exceptionally(failure -> {
            stream.reset();
            return null;
        });
    }

    private FramedStream open(int maxFrame) throws Exception {
        return LoopbackNetwork.await(client.newFramedStream(server.peerId(), List.of(ECHO), maxFrame));
    }

    @Test
    void framesRoundTripAndEndCleanly() throws Exception {
        FramedStream stream = open(MAX);
        assertEquals(ECHO, stream.protocol());
        assertEquals(server.peerId(), stream.remotePeer());
        byte[] empty = new byte[0];
        byte[] full = new byte[MAX];
        full[MAX - 1] = 7;
        for (byte[] frame : List.of("hello".getBytes(StandardCharsets.UTF_8), empty, full)) {
            LoopbackNetwork.await(stream.write(frame));
            assertArrayEquals(frame, LoopbackNetwork.await(stream.read()).orElseThrow());
        }
        LoopbackNetwork.await(stream.closeWrite());
        assertEquals(Optional.empty(), LoopbackNetwork.await(stream.read()));
    }

    @Test
    void manyFramesWrittenAtOnceAreReadOneByOne() throws Exception {
        FramedStream stream = open(MAX);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            writes.add(stream.write(new byte[] {(byte) i, (byte) (i * 3)}));
        }
        LoopbackNetwork.await(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)));
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(new byte[] {(byte) i, (byte) (i * 3)}, LoopbackNetwork.await(stream.read()).orElseThrow());
        }
    }

    @Test
    void oversizedFrameFailsTheReaderAndResetsOnlyThatStream() throws Exception {
        FramedStream big = open(MAX);
        LoopbackNetwork.await(big.write(new byte[MAX + 1]));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> big.read().get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof java.io.IOException, failure.getCause().toString());

        FramedStream neighbour = open(MAX);
        LoopbackNetwork.await(neighbour.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, LoopbackNetwork.await(neighbour.read()).orElseThrow());
    }

    @Test
    void readerRejectsFrameAboveItsOwnLimit() throws Exception {
        FramedStream stream = open(4);
        LoopbackNetwork.await(stream.write(new byte[5]));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> stream.read().get(10, TimeUnit.SECONDS));
        FrameTooLargeException tooLarge = assertInstanceOf(FrameTooLargeException.class, failure.getCause());
        assertEquals(5, tooLarge.announced());
        assertEquals(4, tooLarge.limit());
    }

    @Test
    void anAnswerWithoutReadingTheRequestSurvivesUntilTheClientReadsIt() throws Exception {
        String answerFirst = "/test/answer-first/1.0.0";
        CompletableFuture<FramedStream> served = new CompletableFuture<>();
        server.setFramedHandler(answerFirst, MAX, stream -> {
            stream.answerAndFinish(new byte[] {42});
            served.complete(stream);
        });
        FramedStream stream = LoopbackNetwork.await(client.newFramedStream(server.peerId(), List.of(answerFirst), MAX));
        LoopbackNetwork.await(stream.write(new byte[] {1, 2, 3}));
        LoopbackNetwork.await(stream.closeWrite());

        LoopbackNetwork.await(LoopbackNetwork.await(served).closeFuture());

        assertArrayEquals(new byte[] {42}, LoopbackNetwork.await(stream.read()).orElseThrow(),
                "the answer is still there after the server's side closed");
        assertEquals(Optional.empty(), LoopbackNetwork.await(stream.read()));
    }

    @Test
    void secondConcurrentReadIsRefused() throws Exception {
        FramedStream stream = open(MAX);
        CompletableFuture<Optional<byte[]>> first = stream.read();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> stream.read().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        LoopbackNetwork.await(stream.write(new byte[] {9}));
        assertArrayEquals(new byte[] {9}, LoopbackNetwork.await(first).orElseThrow());
    }
}
