package io.logos.delivery.kernel.peers;

import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.ConnectionListener;
import io.logos.delivery.libp2p.host.Direction;
import io.logos.delivery.libp2p.host.Host;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an inbound connection when other peers already connected to us from the same IP address
 * reach the limit ({@code --ip-colocation-limit}), so one machine cannot fill our inbound slots.
 * nwaku counts connections of both directions and evicts the longest-connected peers instead; here
 * the newcomer goes and the peers we dialed never count, which keeps established peers stable.
 */
final class ColocationGuard implements ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(ColocationGuard.class);

    private final Host host;
    private final int limit;

    /** @param limit peers allowed per IP address; at least 1 */
    ColocationGuard(Host host, int limit) {
        this.host = host;
        this.limit = limit;
    }

    @Override
    public void connected(Connection connection) {
        if (connection.direction() != Direction.INBOUND) {
            return;
        }
        Optional<String> ip = connection.remoteAddress().host();
        if (ip.isEmpty()) {
            return;
        }
        long others = host.connections().stream()
                .filter(other -> other.direction() == Direction.INBOUND)
                .filter(other -> !other.remotePeer().equals(connection.remotePeer()))
                .filter(other -> other.remoteAddress().host().equals(ip))
                .map(Connection::remotePeer)
                .distinct()
                .count();
        if (others >= limit) {
            LOG.debug("Closing {}: {} other peers already connected from {} (ip colocation limit {})", connection,
                    others, ip.get(), limit);
            // Closed from another thread, so that Netty queues the close behind this listener round:
            // closed inline, the host would report the disconnection to listeners not yet told of the connection.
            CompletableFuture.runAsync(connection::close);
        }
    }
}
