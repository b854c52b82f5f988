package io.logos.delivery.kernel.testing;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Service peers in a fixed order of preference, like the peer manager's ranking: the first peer not reported
 * as failing, else the first one. Records the failures reported.
 */
public final class RankedServicePeers implements ServicePeers {

    private final List<PeerId> ranked;
    private final List<PeerId> failures = new CopyOnWriteArrayList<>();

    public RankedServicePeers(PeerId... ranked) {
        this.ranked = List.of(ranked);
    }

    @Override
    public CompletableFuture<PeerId> connectedPeerFor(String protocol, Optional<PubsubTopic> shard) {
        return CompletableFuture.completedFuture(ranked.stream().filter(peer -> !failures.contains(peer)).findFirst()
                .orElse(ranked.getFirst()));
    }

    @Override
    public void reportFailure(PeerId peer, String protocol) {
        failures.add(peer);
    }

    public List<PeerId> failures() {
        return List.copyOf(failures);
    }
}
