package io.logos.delivery.libp2p.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.function.Consumer;

/** Netty's native epoll transport where the platform offers it, NIO everywhere else. */
public record NettyIo(IoHandlerFactory ioHandlerFactory, Class<? extends SocketChannel> socketChannel,
                      Class<? extends ServerChannel> serverChannel, String name) {

    /** The best I/O for this platform. */
    public static NettyIo detect() {
        return Epoll.isAvailable() ? epoll() : nio();
    }

    public static NettyIo nio() {
        return new NettyIo(NioIoHandler.newFactory(), NioSocketChannel.class, NioServerSocketChannel.class, "nio");
    }

    private static NettyIo epoll() {
        return new NettyIo(EpollIoHandler.newFactory(), EpollSocketChannel.class, EpollServerSocketChannel.class,
                "epoll");
    }

    /** A TCP server whose accepted connections are set up by {@code initializer}, without Nagle's delay. */
    ServerBootstrap server(EventLoopGroup group, Consumer<Channel> initializer) {
        return new ServerBootstrap()
                .group(group)
                .channel(serverChannel)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializerOf(initializer));
    }

    /** A TCP client connection set up by {@code initializer}, failing after {@code connectTimeout}. */
    Bootstrap client(EventLoopGroup group, Duration connectTimeout, Consumer<Channel> initializer) {
        return new Bootstrap()
                .group(group)
                .channel(socketChannel)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .handler(initializerOf(initializer));
    }

    private static ChannelInitializer<Channel> initializerOf(Consumer<Channel> initializer) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                initializer.accept(channel);
            }
        };
    }

    /** An event loop group of {@code threads} threads (0: Netty's default, twice the cores). */
    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory);
    }
}
