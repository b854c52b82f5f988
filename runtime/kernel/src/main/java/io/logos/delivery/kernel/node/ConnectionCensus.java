package io.logos.delivery.kernel.node;

import io.logos.delivery.libp2p.host.Connection;
import io.logos.delivery.libp2p.host.Direction;
import io.logos.delivery.libp2p.host.Host;
import io.logos.delivery.libp2p.host.PeerIdentity;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts the connected peers as nwaku's {@code waku_connected_peers} does: per direction ({@code In}, {@code Out})
 * and Waku protocol, a peer counting once for each Waku protocol identify says it speaks. Every Waku protocol
 * we or a connected peer speak gets both directions, zero included, so its series do not vanish when its last
 * peer leaves.
 */
final class ConnectionCensus {

    private static final String WAKU_PROTOCOLS = "/vac/waku/";

    private final Host host;

    ConnectionCensus(Host host) {
        this.host = host;
    }

    /** Label values (direction, protocol) to the number of peers. */
    Map<List<String>, Double> byDirectionAndProtocol() {
        Map<PeerId, Direction> peers = new LinkedHashMap<>();
        for (Connection connection : host.connections()) {
            peers.putIfAbsent(connection.remotePeer(), connection.direction());
        }
        Set<String> protocols = new TreeSet<>(wakuProtocols(host.protocols()));
        Map<PeerId, List<String>> spoken = new HashMap<>();
        peers.keySet().forEach(peer -> {
            List<String> theirs = wakuProtocols(host.identity(peer).map(PeerIdentity::protocols).orElse(List.of()));
            spoken.put(peer, theirs);
            protocols.addAll(theirs);
        });
        Map<List<String>, Double> counts = new HashMap<>();
        for (String protocol : protocols) {
            counts.put(List.of("In", protocol), 0.0);
            counts.put(List.of("Out", protocol), 0.0);
        }
        peers.forEach((peer, direction) -> spoken.get(peer).forEach(protocol -> counts.merge(
                List.of(direction == Direction.INBOUND ? "In" : "Out", protocol), 1.0, Double::sum)));
        return counts;
    }

    /** Connected peers, each counted once however many connections it holds. */
    int peers() {
        return (int) host.connections().stream().map(Connection::remotePeer).distinct().count();
    }

    private static List<String> wakuProtocols(List<String> protocols) {
        return protocols.stream().filter(protocol -> protocol.startsWith(WAKU_PROTOCOLS)).toList();
    }
}
