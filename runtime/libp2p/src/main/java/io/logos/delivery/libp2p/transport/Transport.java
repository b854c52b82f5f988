package io.logos.delivery.libp2p.transport;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Makes and accepts raw connections for one kind of address. A channel handed out is ready to carry
 * bytes (for WebSocket: after the HTTP upgrade) and is handed out on its own event loop, so the caller
 * can add handlers before anything is read.
 */
public interface Transport {

    /** Whether this transport dials and listens on addresses like {@code address}. */
    boolean handles(Multiaddr address);

    /**
     * Listens on {@code address} (port 0 picks a free port).
     *
     * @param onAccepted called on each accepted connection's event loop, once it is ready for bytes
     */
    CompletableFuture<Listener> listen(Multiaddr address, Consumer<Channel> onAccepted);

    /** Connects to {@code address}; the future fails after {@code timeout}. */
    CompletableFuture<Channel> dial(Multiaddr address, Duration timeout);

    /** The address a connection's remote end has, in this transport's form. */
    Multiaddr remoteAddress(Channel connection);

    /** A bound listening socket. */
    interface Listener {

        /** The address actually bound, with the real port. */
        Multiaddr address();

        /** Stops accepting; established connections live on. */
        CompletableFuture<Void> close();
    }
}
