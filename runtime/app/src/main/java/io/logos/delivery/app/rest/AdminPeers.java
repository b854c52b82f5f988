package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.node.PeerId;
import io.logos.delivery.api.kernel.node.PeerInfo;
import io.logos.delivery.api.kernel.node.PeerOrigin;
import io.logos.delivery.api.kernel.node.Peers;
import io.logos.delivery.app.rest.json.AdminPeer;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Peers as nwaku's admin endpoints show them: the peer store's record with the agent identify told us. */
final class AdminPeers {

    private final Peers peers;
    private final Function<PeerId, String> agents;

    /** @param agents the agent string a peer told us in identify, or {@code ""} */
    AdminPeers(Peers peers, Function<PeerId, String> agents) {
        this.peers = peers;
        this.agents = agents;
    }

    Peers store() {
        return peers;
    }

    List<AdminPeer> all() {
        return peers.all().stream().map(this::of).toList();
    }

    List<AdminPeer> connected() {
        return peers.connected().stream().map(this::of).toList();
    }

    /**
     * {@code ids} as the peer store knows them, by address; a peer it does not hold (yet) is shown connected,
     * as pubsub just saw it, with what little is known.
     */
    List<AdminPeer> of(Collection<PeerId> ids) {
        Map<PeerId, PeerInfo> known = peers.all().stream()
                .collect(Collectors.toMap(PeerInfo::peerId, Function.identity(), (first, second) -> first));
        return ids.stream()
                .map(id -> known.getOrDefault(id, new PeerInfo(id, List.of(), Set.of(), OptionalInt.empty(),
                        Set.of(), PeerOrigin.CONNECTION, true)))
                .map(this::of)
                .sorted(Comparator.comparing(AdminPeer::multiaddr))
                .toList();
    }

    AdminPeer of(PeerInfo info) {
        return of(info, info.protocols().stream().sorted().toList());
    }

    /** {@code info} with {@code protocols} in place of all it speaks. */
    AdminPeer of(PeerInfo info, List<String> protocols) {
        String suffix = "/p2p/" + info.peerId();
        String multiaddr = info.addresses().stream().findFirst()
                .map(address -> address.endsWith(suffix) ? address : address + suffix).orElse("");
        return new AdminPeer(multiaddr, protocols, info.shards().stream().sorted().toList(),
                connectedness(info), agents.apply(info.peerId()), originName(info.origin()));
    }

    /** nwaku's connectedness; this peer store tells connected from not connected only. */
    static String connectedness(PeerInfo info) {
        return info.connected() ? "Connected" : "NotConnected";
    }

    /** nwaku's {@code PeerOrigin} names; it has none for peers that dialed us or that rendezvous found. */
    private static String originName(PeerOrigin origin) {
        return switch (origin) {
            case STATIC -> "Static";
            case CONNECTION -> "UnknownOrigin";
            case DISCV5 -> "Discv5";
            case DNS_DISCOVERY -> "Dns";
            case PEER_EXCHANGE -> "PeerExchange";
            case RENDEZVOUS -> "Rendezvous";
            case KADEMLIA -> "Kademlia";
        };
    }
}
