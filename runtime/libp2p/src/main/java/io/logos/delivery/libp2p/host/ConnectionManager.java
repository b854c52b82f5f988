package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.peer.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the host's connections within its limits and tells listeners when they come and go. */
final class ConnectionManager {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);

    private final ConnectionLimits limits;
    private final Map<PeerId, List<Connection>> byPeer = new LinkedHashMap<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private int total;

    ConnectionManager(ConnectionLimits limits) {
        this.limits = limits;
    }

    void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    /**
     * Takes on a new connection, or closes it when a limit is reached.
     *
     * @throws ConnectionLimitException when the connection was refused
     */
    void register(Connection connection) throws ConnectionLimitException {
        synchronized (this) {
            List<Connection> peerConnections = byPeer.getOrDefault(connection.remotePeer(), List.of());
            String refusal = total >= limits.maxConnections()
                    ? "the host has " + total + " connections, its limit"
                    : peerConnections.size() >= limits.maxPerPeer()
                            ? "the host has " + peerConnections.size() + " connections to that peer, its limit"
                            : null;
            if (refusal != null) {
                LOG.info("Refused {}: {}", connection, refusal);
                connection.close();
                throw new ConnectionLimitException("refused " + connection + ": " + refusal);
            }
            byPeer.computeIfAbsent(connection.remotePeer(), peer -> new ArrayList<>()).add(connection);
            total++;
        }
        connection.closeFuture().thenRun(() -> unregister(connection));
        listeners.forEach(listener -> listener.connected(connection));
    }

    private void unregister(Connection connection) {
        synchronized (this) {
            List<Connection> peerConnections = byPeer.get(connection.remotePeer());
            if (peerConnections == null || !peerConnections.remove(connection)) {
                return;
            }
            if (peerConnections.isEmpty()) {
                byPeer.remove(connection.remotePeer());
            }
            total--;
        }
        listeners.forEach(listener -> listener.disconnected(connection));
    }

    synchronized List<Connection> all() {
        return byPeer.values().stream().flatMap(List::stream).toList();
    }

    synchronized List<Connection> of(PeerId peer) {
        return List.copyOf(byPeer.getOrDefault(peer, List.of()));
    }

    synchronized long count(Direction direction) {
        return byPeer.values().stream().flatMap(List::stream).filter(c -> c.direction() == direction).count();
    }

    CompletableFuture<Void> closeAll() {
        return CompletableFuture.allOf(all().stream().map(Connection::close).toArray(CompletableFuture[]::new));
    }
}
