package io.logos.delivery.libp2p.mux;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Real TCP connections over 127.0.0.1 for tests: each {@link #connect()} yields both ends with empty
 * pipelines. Close it to shut the event loops down.
 */
public final class LoopbackNetwork implements AutoCloseable {

    public static final long TIMEOUT_SECONDS = 20;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    private final Channel server;

    /** Both ends of one connection. */
    public record Connection(Channel dialer, Channel listener) {
    }

    public LoopbackNetwork() throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.add(ch);
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    public Connection connect() throws InterruptedException {
        Channel dialer = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                })
                .connect(server.localAddress()).sync().channel();
        Channel listener = accepted.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (listener == null) {
            throw new IllegalStateException("no connection accepted within " + TIMEOUT_SECONDS + " s");
        }
        return new Connection(dialer, listener);
    }

    /** Runs {@code task} on {@code channel}'s event loop and waits for its result. */
    public static <T> T onLoop(Channel channel, Callable<T> task) throws Exception {
        return channel.eventLoop().submit(task).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits for {@code future}, bounded. */
    public static <T> T await(java.util.concurrent.Future<T> future) throws Exception {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} holds, polling briefly, and fails after the test timeout. */
    public static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
