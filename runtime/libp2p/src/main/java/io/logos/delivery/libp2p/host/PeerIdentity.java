package io.logos.delivery.libp2p.host;

import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.List;

/** What a connected peer told us about itself through identify. */
public record PeerIdentity(PeerId peer, List<String> protocols, List<Multiaddr> listenAddresses, String agentVersion,
                           String protocolVersion) {

    public PeerIdentity {
        protocols = List.copyOf(protocols);
        listenAddresses = List.copyOf(listenAddresses);
    }

    public boolean supports(String protocol) {
        return protocols.contains(protocol);
    }
}
