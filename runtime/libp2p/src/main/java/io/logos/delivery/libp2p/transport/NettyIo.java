package io.logos.delivery.libp2p.transport;

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

    /** An event loop group of {@code threads} threads (0: Netty's default, twice the cores). */
    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory);
    }
}
