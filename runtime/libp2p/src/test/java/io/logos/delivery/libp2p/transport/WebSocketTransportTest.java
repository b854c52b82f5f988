package io.logos.delivery.libp2p.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.mux.LoopbackNetwork;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket with TLS: a configured certificate serves {@code /wss}, and bytes flow both ways after the upgrade. */
class WebSocketTransportTest {

    private final NettyIo io = NettyIo.nio();
    private final EventLoopGroup group = io.newGroup(1);

    @TempDir
    Path folder;

    @AfterEach
    void stop() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void servesWssWithAConfiguredCertificate() throws Exception {
        WebSocketTransport server = new WebSocketTransport(io, group, Optional.of(SelfSignedPem.create(folder)));
        // the test trusts its own self-signed certificate; nodes check against the JDK's authorities
        WebSocketTransport client = new WebSocketTransport(io, group, Optional.empty(),
                SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build());
        CompletableFuture<byte[]> serverGot = new CompletableFuture<>();
        Transport.Listener listener = LoopbackNetwork.await(server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/wss"),
                accepted -> accepted.pipeline().addLast(collect(serverGot))));
        assertTrue(listener.address().toString().endsWith("/wss"), listener.address().toString());

        Channel dialed = LoopbackNetwork.await(client.dial(listener.address(), Duration.ofSeconds(10)));
        dialed.writeAndFlush(Unpooled.copiedBuffer("over wss", StandardCharsets.UTF_8));

        assertArrayEquals("over wss".getBytes(StandardCharsets.UTF_8), LoopbackNetwork.await(serverGot));
        LoopbackNetwork.await(listener.close());
    }

    @Test
    void wssWithoutACertificateIsRefusedNamingTheAddress() {
        WebSocketTransport server = new WebSocketTransport(io, group, Optional.empty());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> LoopbackNetwork.await(
                server.listen(Multiaddr.parse("/ip4/127.0.0.1/tcp/0/wss"), accepted -> { })));
        assertTrue(refused.getCause().getMessage().contains("no TLS certificate"), refused.getCause().getMessage());
    }

    @Test
    void unreadableCertificateFilesAreNamed() {
        TlsCertificate missing = new TlsCertificate(folder.resolve("no.key"), folder.resolve("no.crt"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new WebSocketTransport(io, group, Optional.of(missing)));
        assertTrue(error.getMessage().contains("no.key"), error.getMessage());
    }

    private static SimpleChannelInboundHandler<ByteBuf> collect(CompletableFuture<byte[]> into) {
        return new SimpleChannelInboundHandler<>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                into.complete(ByteBufUtil.getBytes(msg));
            }
        };
    }
}
