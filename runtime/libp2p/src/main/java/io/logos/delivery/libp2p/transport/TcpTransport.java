package io.logos.delivery.libp2p.transport;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiaddr.Protocol;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Plain TCP: {@code /ip4|ip6|dns4|dns6|dns/<host>/tcp/<port>} with no further transport component. */
public final class TcpTransport implements Transport {

    private final NettyIo io;
    private final EventLoopGroup group;

    public TcpTransport(NettyIo io, EventLoopGroup group) {
        this.io = io;
        this.group = group;
    }

    @Override
    public boolean handles(Multiaddr address) {
        return address.tcpPort().isPresent() && address.host().isPresent()
                && address.components().stream().noneMatch(c -> c.protocol() == Protocol.WS
                        || c.protocol() == Protocol.WSS || c.protocol() == Protocol.P2P_CIRCUIT);
    }

    @Override
    public CompletableFuture<Listener> listen(Multiaddr address, Consumer<Channel> onAccepted) {
        ChannelFuture bound = io.server(group, onAccepted).bind(SocketAddresses.tcpTarget(address));
        return Futures.of(bound).thenApply(server -> new ServerListener(server,
                SocketAddresses.withBoundPort(address, server.localAddress())));
    }

    @Override
    public CompletableFuture<Channel> dial(Multiaddr address, Duration timeout) {
        // the host adds its handlers once the connection is up
        ChannelFuture connected = io.client(group, timeout, channel -> { })
                .connect(SocketAddresses.tcpTarget(address));
        return Futures.of(connected);
    }

    @Override
    public Multiaddr remoteAddress(Channel connection) {
        return SocketAddresses.tcpMultiaddr(connection.remoteAddress());
    }

    /** A bound server channel. */
    record ServerListener(Channel server, Multiaddr address) implements Listener {
        @Override
        public CompletableFuture<Void> close() {
            return Futures.of(server.close()).thenApply(ignored -> null);
        }
    }
}
