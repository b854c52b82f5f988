package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import io.logos.delivery.libp2p.protocol.identify.IdentifyMessage;
import io.logos.delivery.libp2p.protocol.identify.IdentifyProtocol;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs identify for the host: asks every newly connected peer who it is, answers the same question,
 * takes identify pushes, and pushes our own changes (new protocols) to every connected peer.
 */
final class IdentifyService implements ConnectionListener {

    private static final Logger LOG = LoggerFactory.getLogger(IdentifyService.class);

    private final Function<Multiaddr, IdentifyMessage> localIdentity;
    private final ConnectionManager connections;
    private final Map<PeerId, PeerIdentity> identities = new ConcurrentHashMap<>();
    private final List<Consumer<PeerIdentity>> listeners = new CopyOnWriteArrayList<>();

    /** @param localIdentity our identify message, given the address we see the remote peer at */
    IdentifyService(Function<Multiaddr, IdentifyMessage> localIdentity, ConnectionManager connections) {
        this.localIdentity = localIdentity;
        this.connections = connections;
    }

    void addListener(Consumer<PeerIdentity> listener) {
        listeners.add(listener);
    }

    Optional<PeerIdentity> identity(PeerId peer) {
        return Optional.ofNullable(identities.get(peer));
    }

    /** Answers an identify request. */
    void respond(Connection connection, Channel stream) {
        IdentifyProtocol.send(stream, localIdentity.apply(connection.remoteAddress()));
    }

    /** Takes an identify push. */
    void receivePush(Connection connection, Channel stream) {
        IdentifyProtocol.receive(stream).whenComplete((message, failure) -> record(connection, message, failure));
    }

    /** Sends our current identity to every connected peer. */
    void pushToAll() {
        for (Connection connection : connections.all()) {
            connection.newStream(List.of(IdentifyProtocol.PUSH_ID))
                    .thenCompose(stream -> IdentifyProtocol.send(stream, localIdentity.apply(connection.remoteAddress())))
                    .exceptionally(failure -> {
                        LOG.debug("Identify push to {} failed: {}", connection.remotePeer(), failure.getMessage());
                        return null;
                    });
        }
    }

    @Override
    public void connected(Connection connection) {
        connection.newStream(List.of(IdentifyProtocol.ID))
                .thenCompose(IdentifyProtocol::receive)
                .whenComplete((message, failure) -> record(connection, message, failure));
    }

    @Override
    public void disconnected(Connection connection) {
        if (connections.of(connection.remotePeer()).isEmpty()) {
            identities.remove(connection.remotePeer());
        }
    }

    private void record(Connection connection, IdentifyMessage message, Throwable failure) {
        PeerId peer = connection.remotePeer();
        if (failure != null) {
            LOG.debug("Identify with {} failed: {}", peer, failure.getMessage());
            return;
        }
        if (message.publicKey().isPresent() && !peer.matches(message.publicKey().get())) {
            LOG.warn("Ignored identify from {}: its public key belongs to another peer", peer);
            return;
        }
        PeerIdentity identity = new PeerIdentity(peer, message.protocols(), message.listenAddresses(),
                message.agentVersion(), message.protocolVersion());
        identities.put(peer, identity);
        listeners.forEach(listener -> listener.accept(identity));
    }
}
