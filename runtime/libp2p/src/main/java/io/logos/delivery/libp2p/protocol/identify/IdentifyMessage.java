package io.logos.delivery.libp2p.protocol.identify;

import io.logos.delivery.libp2p.crypto.PubKey;
import io.logos.delivery.libp2p.multiaddr.Multiaddr;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a peer says about itself in identify: its key, addresses, protocols and software.
 *
 * @param observedAddress the address the sender sees the receiver at
 */
public record IdentifyMessage(Optional<PubKey> publicKey, List<Multiaddr> listenAddresses,
                              Optional<Multiaddr> observedAddress, List<String> protocols, String protocolVersion,
                              String agentVersion) {

    /** The protocol version libp2p peers send. */
    public static final String PROTOCOL_VERSION = "ipfs/0.1.0";

    public IdentifyMessage {
        Objects.requireNonNull(publicKey, "public key");
        listenAddresses = List.copyOf(listenAddresses);
        Objects.requireNonNull(observedAddress, "observed address");
        protocols = List.copyOf(protocols);
        Objects.requireNonNull(protocolVersion, "protocol version");
        Objects.requireNonNull(agentVersion, "agent version");
    }
}
