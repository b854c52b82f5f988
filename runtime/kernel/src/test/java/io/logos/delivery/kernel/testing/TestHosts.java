package io.logos.delivery.kernel.testing;

import io.logos.delivery.libp2p.crypto.Keys;
import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.ConnectionLimits;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.HostConfig;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/** Real libp2p hosts on 127.0.0.1 (ephemeral ports) for a test; {@link #stopAll()} in {@code @AfterEach}. */
public final class TestHosts {

    private static final List<Multiaddr> LOOPBACK = List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0"));

    private final List<Host> hosts = new ArrayList<>();

    /** A started host serving {@code protocols} (with handlers that just close the stream). */
    public Host start(String... protocols) throws Exception {
        Host host = new Host(new HostConfig(Keys.generate(), LOOPBACK, "logos-delivery-test", ConnectionLimits.DEFAULT,
                HostConfig.DEFAULT_DIAL_TIMEOUT, Optional.empty(), 1));
        for (String protocol : protocols) {
            host.setStreamHandler(protocol, (connection, stream) -> stream.close());
        }
        hosts.add(host);
        host.start().get(10, TimeUnit.SECONDS);
        return host;
    }

    /** The address {@code host} is dialed at, with {@code /p2p}, as text. */
    public static String address(Host host) {
        return host.dialableAddresses().getFirst().toString();
    }

    /** Dials {@code to} from {@code from} and waits for the connection. */
    public static Connection connect(Host from, Host to) throws Exception {
        return from.dial(to.dialableAddresses().getFirst()).get(10, TimeUnit.SECONDS);
    }

    /** A peer id nobody runs. */
    public static PeerId unknownPeer() {
        return PeerId.fromPublicKey(Keys.generate().publicKey());
    }

    /**
     * Runs {@code action} on {@code host}'s event loop (test hosts have one, shared by all their connections).
     * Opening a stream there closes a race of {@code Host.newFramedStream}: called from another thread, the
     * framed reader can be installed after multistream-select finished, and an answer the peer sent right
     * behind its protocol echo (such as a 429 or 503 sent without reading the request) is then lost.
     */
    public static <T> CompletableFuture<T> onLoop(Host host, Supplier<CompletableFuture<T>> action) {
        return CompletableFuture.supplyAsync(action, host.eventLoops()).thenCompose(Function.identity());
    }

    public void stopAll() throws Exception {
        for (Host host : hosts) {
            host.stop().get(10, TimeUnit.SECONDS);
        }
        hosts.clear();
    }
}
