package io.logos.delivery.libp2p.transport;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.multiaddr.Protocol;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/** Converts between multiaddrs and socket addresses. */
final class SocketAddresses {

    private SocketAddresses() {
    }

    /** The host and TCP port of {@code address}; DNS names stay unresolved for Netty's resolver. */
    static InetSocketAddress tcpTarget(Multiaddr address) {
        String host = address.host().orElseThrow(() -> new IllegalArgumentException(
                "multiaddr " + address + " names no host (ip4, ip6, dns4, dns6 or dns)"));
        int port = address.tcpPort().orElseThrow(() -> new IllegalArgumentException(
                "multiaddr " + address + " names no tcp port"));
        return address.valueOf(Protocol.IP4).isPresent() || address.valueOf(Protocol.IP6).isPresent()
                ? new InetSocketAddress(host, port) : InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * {@code requested} with the port actually bound: a wildcard host stays as configured (0.0.0.0, not
     * the dual-stack {@code ::} the socket reports).
     */
    static Multiaddr withBoundPort(Multiaddr requested, SocketAddress bound) {
        int port = ((InetSocketAddress) bound).getPort();
        return Multiaddr.parse(requested.toString().replaceFirst("/tcp/\\d+", "/tcp/" + port));
    }

    /** {@code /ip4/<a>/tcp/<p>} or {@code /ip6/<a>/tcp/<p>}, followed by {@code suffix} components. */
    static Multiaddr tcpMultiaddr(SocketAddress socketAddress, String... suffix) {
        InetSocketAddress inet = (InetSocketAddress) socketAddress;
        String family = inet.getAddress() instanceof Inet6Address ? "ip6" : "ip4";
        StringBuilder text = new StringBuilder("/").append(family).append('/')
                .append(inet.getAddress().getHostAddress().replaceAll("%.*$", ""))
                .append("/tcp/").append(inet.getPort());
        List.of(suffix).forEach(part -> text.append('/').append(part));
        return Multiaddr.parse(text.toString());
    }
}
