package io.logos.delivery.bench;

import io.logos.delivery.libp2p.crypto.KeyType;
import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.ConnectionLimits;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.transport.NettyIo;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The two ends the harnesses connect over 127.0.0.1: either two {@link Host}s, or a bare Netty server and
 * client for the stacks below the host. Each end has one event loop thread, so on a 2-core machine each
 * side gets a core, as two processes would.
 */
final class LoopbackPair {

    static final Multiaddr ANY_LOOPBACK_PORT = Multiaddr.parse("/ip4/127.0.0.1/tcp/0");
    /** Far above what a benchmark opens, so the limits never refuse a connection. */
    static final ConnectionLimits NO_LIMITS = new ConnectionLimits(1_000_000, 1_000_000);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private LoopbackPair() {
    }

    static KeyType keyType(String name) {
        return KeyType.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** A started host with one event loop thread; listens on a loopback port when {@code listen}. */
    static Host host(KeyType keyType, boolean listen) throws Exception {
        Host host = new Host(new HostConfig(Keys.generate(keyType), listen ? List.of(ANY_LOOPBACK_PORT) : List.of(),
                "logos-delivery-bench", NO_LIMITS, TIMEOUT, Optional.empty(), 1));
        host.start().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return host;
    }

    static void stop(Host... hosts) throws Exception {
        for (Host host : hosts) {
            host.stop().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** A bare Netty server and a client group, one event loop thread each, native epoll where available. */
    static final class Raw implements AutoCloseable {

        final NettyIo io = NettyIo.detect();
        final EventLoopGroup serverGroup = io.newGroup(1);
        final EventLoopGroup clientGroup = io.newGroup(1);
        final Channel server;

        /** Listens on a loopback port; {@code onAccepted} runs on the event loop for each connection. */
        Raw(Consumer<Channel> onAccepted) throws InterruptedException {
            server = new ServerBootstrap()
                    .group(serverGroup)
                    .channel(io.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            onAccepted.accept(channel);
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        }

        SocketAddress address() {
            return server.localAddress();
        }

        /** Starts a connection to the server; the channel's pipeline is empty. */
        ChannelFuture connect() {
            return new Bootstrap()
                    .group(clientGroup)
                    .channel(io.socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(NOTHING)
                    .connect(server.localAddress());
        }

        @Override
        public void close() {
            server.close().syncUninterruptibly();
            serverGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            clientGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** A handler that adds nothing: for pipelines the harness fills later, and streams nobody opens. */
    static final ChannelHandler NOTHING = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel channel) {
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    };
}
