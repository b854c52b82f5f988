package io.logos.delivery.libp2p.security.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.security.SecureSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handshake and data in both directions over real TCP sockets on 127.0.0.1. */
class NoiseTcpLoopbackTest {

    private static final long WAIT_SECONDS = 20;

    private final NoiseSecurity listenerNoise = new NoiseSecurity(Keys.generate(KeyType.SECP256K1));
    private final NoiseSecurity dialerNoise = new NoiseSecurity(Keys.generate(KeyType.ED25519));
    private final CompletableFuture<Future<SecureSession>> listenerSession = new CompletableFuture<>();
    private EventLoopGroup group;
    private Channel server;

    /** The listener echoes every plaintext byte it receives once its handshake has succeeded. */
    @BeforeEach
    void startEchoListener() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Future<SecureSession> session = listenerNoise.secureInbound(channel);
                        session.addListener(done -> {
                            if (done.isSuccess()) {
                                channel.pipeline().addLast(new Echo());
                            }
                        });
                        listenerSession.complete(session);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    @AfterEach
    void stop() {
        server.close().awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }

    /** Collects plaintext until it has the expected number of bytes. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final int expected;
        private final CompletableFuture<byte[]> complete = new CompletableFuture<>();

        Collector(int expected) {
            this.expected = expected;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buffer = (ByteBuf) msg;
            byte[] chunk = new byte[buffer.readableBytes()];
            buffer.readBytes(chunk);
            buffer.release();
            received.writeBytes(chunk);
            if (received.size() >= expected) {
                complete.complete(received.toByteArray());
            }
        }
    }

    private Channel connect() throws InterruptedException {
        return new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(server.localAddress())
                .sync()
                .channel();
    }

    /** Starts the dialer's handshake on the channel's event loop, as a negotiating handler would. */
    private Future<SecureSession> secureOnEventLoop(Channel channel, PeerId expected) throws Exception {
        return channel.eventLoop().submit(() -> dialerNoise.secureOutbound(channel, expected)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void handshakeAndEchoOfSmallAndLargeWrites() throws Exception {
        Channel channel = connect();
        byte[] large = new byte[300_000];
        new Random(11).nextBytes(large);
        byte[] small = "hello, waku".getBytes();
        Collector collector = new Collector(small.length + large.length);

        Future<SecureSession> session = secureOnEventLoop(channel, listenerNoise.localPeer());
        session.addListener(done -> {
            if (done.isSuccess()) {
                channel.pipeline().addLast(collector);
                channel.write(Unpooled.wrappedBuffer(small));
                channel.writeAndFlush(Unpooled.wrappedBuffer(large));
            }
        });

        assertTrue(session.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(session.isSuccess(), () -> String.valueOf(session.cause()));
        assertEquals(listenerNoise.localPeer(), session.getNow().remotePeer());
        Future<SecureSession> inbound = listenerSession.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(inbound.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(dialerNoise.localPeer(), inbound.getNow().remotePeer());

        byte[] echoed = collector.complete.get(WAIT_SECONDS, TimeUnit.SECONDS);
        byte[] expected = new byte[small.length + large.length];
        System.arraycopy(small, 0, expected, 0, small.length);
        System.arraycopy(large, 0, expected, small.length, large.length);
        assertArrayEquals(expected, echoed);
        channel.close().sync();
    }

    @Test
    void dialingTheWrongPeerFailsBothSidesAndClosesTheConnection() throws Exception {
        Channel channel = connect();
        PeerId someoneElse = PeerId.fromPublicKey(Keys.generate().publicKey());

        Future<SecureSession> session = secureOnEventLoop(channel, someoneElse);

        assertTrue(session.await(WAIT_SECONDS, TimeUnit.SECONDS));
        PeerIdMismatchException error = assertInstanceOf(PeerIdMismatchException.class, session.cause());
        assertEquals(listenerNoise.localPeer(), error.actual());
        assertTrue(channel.closeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS));
        Future<SecureSession> inbound = listenerSession.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(inbound.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(NoiseException.class, inbound.cause());
    }
}
