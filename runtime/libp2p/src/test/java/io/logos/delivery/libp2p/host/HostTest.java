package io.logos.delivery.libp2p.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.mux.LoopbackNetwork;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.pubsub.GossipSubConfig;
import io.logos.delivery.libp2p.pubsub.gossipsub.GossipSub;
import io.logos.delivery.libp2p.protocol.identify.IdentifyProtocol;
import io.logos.delivery.libp2p.protocol.ping.PingProtocol;
import io.logos.delivery.libp2p.security.noise.PeerIdMismatchException;
import io.logos.delivery.libp2p.stream.MuxedStreamChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HostTest {

    private static final String ECHO = "/test/echo/1.0.0";
    private static final Multiaddr TCP = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    private static final Multiaddr WS = Multiaddr.parse("/ip4/127.0.0.1/tcp/0/ws");

    private final List<Host> hosts = new ArrayList<>();

    private Host start(ConnectionLimits limits, Multiaddr... listen) throws Exception {
        Host host = new Host(new HostConfig(Keys.generate(), List.of(listen), "logos-delivery-test", limits,
                HostConfig.DEFAULT_DIAL_TIMEOUT, Optional.empty(), 1));
        hosts.add(host);
        LoopbackNetwork.await(host.start());
        return host;
    }

    private Host start(Multiaddr... listen) throws Exception {
        return start(ConnectionLimits.DEFAULT, listen);
    }

    @AfterEach
    void stopHosts() throws Exception {
        for (Host host : hosts) {
            host.stop().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void dialsUpgradesAndIdentifiesBothWays() throws Exception {
        Host listener = start(TCP);
        Host dialer = start(TCP);

        Connection connection = LoopbackNetwork.await(dialer.dial(listener.dialableAddresses().getFirst()));

        assertEquals(listener.peerId(), connection.remotePeer());
        assertEquals("/yamux/1.0.0", connection.muxer());
        LoopbackNetwork.waitUntil(() -> dialer.identity(listener.peerId()).isPresent()
                && listener.identity(dialer.peerId()).isPresent(), "both sides identified");
        PeerIdentity seenByDialer = dialer.identity(listener.peerId()).orElseThrow();
        assertEquals(listener.protocols(), seenByDialer.protocols());
        assertTrue(seenByDialer.supports(IdentifyProtocol.ID) && seenByDialer.supports(PingProtocol.ID));
        assertEquals(listener.listenAddresses(), seenByDialer.listenAddresses());
        assertEquals("logos-delivery-test", seenByDialer.agentVersion());
        assertEquals(1, listener.connectionCount(Direction.INBOUND));
        assertEquals(1, dialer.connectionCount(Direction.OUTBOUND));
    }

    @Test
    void pingsBothWays() throws Exception {
        Host listener = start(TCP);
        Host dialer = start(TCP);
        LoopbackNetwork.await(dialer.dial(listener.dialableAddresses().getFirst()));
        LoopbackNetwork.waitUntil(() -> !listener.connections(dialer.peerId()).isEmpty(), "listener registered");

        Duration there = LoopbackNetwork.await(dialer.ping(listener.peerId()));
        Duration back = LoopbackNetwork.await(listener.ping(dialer.peerId()));

        assertTrue(there.toNanos() > 0 && back.toNanos() > 0);
    }

    @Test
    void dispatchesStreamsToHandlersAndPushesNewProtocols() throws Exception {
        Host listener = start(TCP);
        Host dialer = start(TCP);
        LoopbackNetwork.await(dialer.dial(listener.dialableAddresses().getFirst()));
        LoopbackNetwork.waitUntil(() -> dialer.identity(listener.peerId()).isPresent(), "identified");

        listener.setStreamHandler(ECHO, (connection, stream) -> stream.pipeline().addLast(new Echo()));
        LoopbackNetwork.waitUntil(() -> dialer.identity(listener.peerId()).orElseThrow().supports(ECHO),
                "identify push announced " + ECHO);

        MuxedStreamChannel stream = LoopbackNetwork.await(dialer.newStream(listener.peerId(), List.of(ECHO)));
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        stream.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                answer.complete(ByteBufUtil.getBytes(msg));
            }
        });
        stream.writeAndFlush(Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), LoopbackNetwork.await(answer));

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> LoopbackNetwork.await(dialer.newStream(listener.peerId(), List.of("/not/served/1.0.0"))));
        assertTrue(refused.getCause().getMessage().contains("/not/served/1.0.0"), refused.getCause().getMessage());
    }

    @Test
    void refusesAPeerThatIsNotTheOneDialed() throws Exception {
        Host listener = start(TCP);
        Host dialer = start(TCP);
        PeerId someoneElse = PeerId.fromPublicKey(Keys.generate().publicKey());
        Multiaddr wrongPeer = listener.listenAddresses().getFirst().encapsulate(Multiaddr.parse("/p2p/" + someoneElse));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> LoopbackNetwork.await(dialer.dial(wrongPeer)));
        assertInstanceOf(PeerIdMismatchException.class, failure.getCause());
        assertTrue(dialer.connections().isEmpty());
    }

    @Test
    void keepsWithinConnectionLimitsAndTellsListeners() throws Exception {
        Host listener = start(new ConnectionLimits(1, 1), TCP);
        Host first = start(TCP);
        Host second = start(TCP);
        List<String> events = new CopyOnWriteArrayList<>();
        listener.addConnectionListener(new ConnectionListener() {
            @Override
            public void connected(Connection connection) {
                events.add("connected " + connection.remotePeer());
            }

            @Override
            public void disconnected(Connection connection) {
                events.add("disconnected " + connection.remotePeer());
            }
        });

        Connection kept = LoopbackNetwork.await(first.dial(listener.dialableAddresses().getFirst()));
        LoopbackNetwork.waitUntil(() -> listener.connections().size() == 1, "first connection registered");
        Connection refused = LoopbackNetwork.await(second.dial(listener.dialableAddresses().getFirst()));
        LoopbackNetwork.await(refused.closeFuture());

        assertEquals(List.of(first.peerId()), listener.connections().stream().map(Connection::remotePeer).toList());
        LoopbackNetwork.await(kept.close());
        LoopbackNetwork.waitUntil(() -> listener.connections().isEmpty(), "connection closed");
        assertEquals(List.of("connected " + first.peerId(), "disconnected " + first.peerId()), events);
    }

    @Test
    void worksOverWebSocket() throws Exception {
        Host listener = start(WS);
        Host dialer = start(TCP);
        Multiaddr address = listener.dialableAddresses().getFirst();
        assertTrue(address.toString().contains("/ws/p2p/"), address.toString());

        Connection connection = LoopbackNetwork.await(dialer.dial(address));

        assertEquals(listener.peerId(), connection.remotePeer());
        assertTrue(LoopbackNetwork.await(dialer.ping(listener.peerId())).toNanos() > 0);
    }

    @Test
    void anUnbindableAddressFailsStartNamingIt() throws Exception {
        Host taken = start(TCP);
        Multiaddr busy = taken.listenAddresses().getFirst();
        Host second = new Host(HostConfig.of(Keys.generate(), List.of(busy), "test"));
        hosts.add(second);
        ExecutionException failure = assertThrows(ExecutionException.class, () -> LoopbackNetwork.await(second.start()));
        assertTrue(failure.getCause().getMessage().startsWith("cannot listen on " + busy), failure.getCause().getMessage());
    }

    @Test
    void aDialToAPeerThatNeverAnswersTimesOut() throws Exception {
        Host dialer = new Host(new HostConfig(Keys.generate(), List.of(TCP), "test", ConnectionLimits.DEFAULT,
                Duration.ofMillis(300), Optional.empty(), 1));
        hosts.add(dialer);
        LoopbackNetwork.await(dialer.start());
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // accepts the TCP connection (the kernel's backlog) but never speaks multistream-select
            Multiaddr address = Multiaddr.parse("/ip4/127.0.0.1/tcp/" + silent.getLocalPort());
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> LoopbackNetwork.await(dialer.dial(address)));
            assertInstanceOf(TimeoutException.class, failure.getCause());
            assertTrue(dialer.connections().isEmpty());
        }
    }

    @Test
    void garbageOnOneConnectionClosesOnlyThatConnection() throws Exception {
        Host listener = start(TCP);
        Host dialer = start(TCP);
        LoopbackNetwork.await(dialer.dial(listener.dialableAddresses().getFirst()));
        Multiaddr tcp = listener.listenAddresses().getFirst();

        try (Socket attacker = new Socket("127.0.0.1", tcp.tcpPort().orElseThrow())) {
            attacker.setSoTimeout((int) TimeUnit.SECONDS.toMillis(LoopbackNetwork.TIMEOUT_SECONDS));
            // a varint length prefix claiming far more than multistream-select allows
            attacker.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 'x'});
            attacker.getOutputStream().flush();
            InputStream in = attacker.getInputStream();
            while (in.read() != -1) {
                // drain whatever the host answered until it closes the connection
            }
        }

        assertTrue(LoopbackNetwork.await(dialer.ping(listener.peerId())).toNanos() > 0,
                "the other connection keeps working");
        assertEquals(1, listener.connections().size());
    }

    @Test
    void gossipsubOnHostsDeliversBothWays() throws Exception {
        Host first = start(TCP);
        Host second = start(TCP);
        GossipSub firstGossip = HostPubSub.attach(first, GossipSubConfig.wakuRelay());
        GossipSub secondGossip = HostPubSub.attach(second, GossipSubConfig.wakuRelay());
        BlockingQueue<String> atFirst = new LinkedBlockingQueue<>();
        BlockingQueue<String> atSecond = new LinkedBlockingQueue<>();
        String topic = "/waku/2/rs/1/0";
        firstGossip.subscribe(topic, message -> atFirst.add(new String(message.data(), StandardCharsets.UTF_8)));
        secondGossip.subscribe(topic, message -> atSecond.add(new String(message.data(), StandardCharsets.UTF_8)));

        LoopbackNetwork.await(second.dial(first.dialableAddresses().getFirst()));
        LoopbackNetwork.waitUntil(() -> {
            try {
                return !LoopbackNetwork.await(firstGossip.meshPeers(topic)).isEmpty()
                        && !LoopbackNetwork.await(secondGossip.meshPeers(topic)).isEmpty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "both meshes hold the other peer");

        LoopbackNetwork.await(firstGossip.publish(topic, "from first".getBytes(StandardCharsets.UTF_8)));
        LoopbackNetwork.await(secondGossip.publish(topic, "from second".getBytes(StandardCharsets.UTF_8)));

        // subscribers see their own node's messages too, as nwaku's relay does (triggerSelf)
        Set<String> both = Set.of("from first", "from second");
        assertEquals(both, Set.of(poll(atFirst), poll(atFirst)));
        assertEquals(both, Set.of(poll(atSecond), poll(atSecond)));
        firstGossip.close();
        secondGossip.close();
    }

    private static String poll(BlockingQueue<String> queue) throws InterruptedException {
        String next = queue.poll(LoopbackNetwork.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no message within " + LoopbackNetwork.TIMEOUT_SECONDS + " s");
        }
        return next;
    }

    /** Echoes what it reads. */
    private static final class Echo extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            ctx.writeAndFlush(msg.retain());
        }
    }
}
