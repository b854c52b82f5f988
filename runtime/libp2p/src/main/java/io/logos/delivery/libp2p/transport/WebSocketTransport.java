package io.logos.delivery.libp2p.transport;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiaddr.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * libp2p over WebSocket: {@code …/tcp/<port>/ws}, and {@code …/tcp/<port>/wss} with TLS. A connection
 * is handed out once the HTTP upgrade is done; from then on it carries binary frames.
 */
public final class WebSocketTransport implements Transport {

    /** The largest WebSocket frame accepted; libp2p writes far smaller ones (yamux: 64 KiB + header). */
    static final int MAX_FRAME_BYTES = 1 << 20;
    private static final int MAX_HANDSHAKE_BYTES = 64 * 1024;

    private final NettyIo io;
    private final EventLoopGroup group;
    private final Optional<SslContext> serverTls;
    private final SslContext clientTls;

    /**
     * @param serverCertificate the certificate to listen on {@code /wss} with; without it only {@code /ws} is served
     * @throws IllegalArgumentException when the certificate files cannot be used
     */
    public WebSocketTransport(NettyIo io, EventLoopGroup group, Optional<TlsCertificate> serverCertificate) {
        this(io, group, serverCertificate, defaultClientTls());
    }

    /** As above, with {@code clientTls} deciding which {@code /wss} certificates to trust when dialing. */
    WebSocketTransport(NettyIo io, EventLoopGroup group, Optional<TlsCertificate> serverCertificate,
                       SslContext clientTls) {
        this.io = io;
        this.group = group;
        this.serverTls = serverCertificate.map(TlsCertificate::serverContext);
        this.clientTls = clientTls;
    }

    /** Dialed {@code /wss} peers are checked against the JDK's trusted certificate authorities. */
    private static SslContext defaultClientTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK's default TLS client context is unavailable", e);
        }
    }

    @Override
    public boolean handles(Multiaddr address) {
        return address.tcpPort().isPresent() && address.host().isPresent()
                && address.components().stream().anyMatch(c -> c.protocol() == Protocol.WS
                        || c.protocol() == Protocol.WSS);
    }

    private static boolean isSecure(Multiaddr address) {
        return address.components().stream().anyMatch(c -> c.protocol() == Protocol.WSS);
    }

    @Override
    public CompletableFuture<Listener> listen(Multiaddr address, Consumer<Channel> onAccepted) {
        boolean secure = isSecure(address);
        if (secure && serverTls.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "cannot listen on " + address + ": no TLS certificate is configured for wss"));
        }
        ServerBootstrap bootstrap = io.server(group, channel -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (secure) {
                pipeline.addLast(serverTls.get().newHandler(channel.alloc()));
            }
            pipeline.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_BYTES),
                    new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                            .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(MAX_FRAME_BYTES).build()),
                    new HandOverWhenUpgraded(onAccepted));
        });
        return Futures.of(bootstrap.bind(SocketAddresses.tcpTarget(address)))
                .thenApply(server -> new TcpTransport.ServerListener(server,
                        SocketAddresses.withBoundPort(address, server.localAddress())));
    }

    @Override
    public CompletableFuture<Channel> dial(Multiaddr address, Duration timeout) {
        boolean secure = isSecure(address);
        InetSocketAddress target = SocketAddresses.tcpTarget(address);
        URI uri = URI.create((secure ? "wss://" : "ws://") + hostForUri(target) + ":" + target.getPort() + "/");
        CompletableFuture<Channel> upgraded = new CompletableFuture<>();
        Bootstrap bootstrap = io.client(group, timeout, channel -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (secure) {
                pipeline.addLast(clientTls.newHandler(channel.alloc(), target.getHostString(), target.getPort()));
            }
            pipeline.addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_HANDSHAKE_BYTES),
                    new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                            .webSocketUri(uri).maxFramePayloadLength(MAX_FRAME_BYTES)
                            .handshakeTimeoutMillis(timeout.toMillis()).build()),
                    new HandOverWhenUpgraded(upgraded::complete));
        });
        Futures.of(bootstrap.connect(target)).whenComplete((channel, failure) -> {
            if (failure != null) {
                upgraded.completeExceptionally(failure);
            } else {
                channel.closeFuture().addListener(closed -> upgraded.completeExceptionally(
                        new IOException("WebSocket upgrade with " + address + " failed: connection closed")));
            }
        });
        return upgraded;
    }

    private static String hostForUri(InetSocketAddress target) {
        String host = target.getHostString();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public Multiaddr remoteAddress(Channel connection) {
        return SocketAddresses.tcpMultiaddr(connection.remoteAddress(),
                connection.pipeline().get(SslHandler.class) != null ? "wss" : "ws");
    }

    /** Waits for the end of the HTTP upgrade, then swaps in the frame adapter and hands the channel over. */
    private static final class HandOverWhenUpgraded extends ChannelInboundHandlerAdapter {
        private final Consumer<Channel> onUpgraded;

        HandOverWhenUpgraded(Consumer<Channel> onUpgraded) {
            this.onUpgraded = onUpgraded;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete
                    || event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.pipeline().replace(this, "ws-frames", new WebSocketFrames());
                onUpgraded.accept(ctx.channel());
            }
            ctx.fireUserEventTriggered(event);
        }
    }
}
