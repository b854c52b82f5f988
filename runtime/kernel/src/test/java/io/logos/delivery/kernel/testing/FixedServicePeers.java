package io.logos.delivery.kernel.testing;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Service peers that always name one peer, and record the failures reported. */
public final class FixedServicePeers implements ServicePeers {

    private final PeerId peer;
    private final List<PeerId> failures = new CopyOnWriteArrayList<>();

    public FixedServicePeers(PeerId peer) {
        this.peer = peer;
    }

    @Override
    public CompletableFuture<PeerId> connectedPeerFor(String protocol, Optional<PubsubTopic> shard) {
        return CompletableFuture.completedFuture(peer);
    }

    @Override
    public void reportFailure(PeerId failed, String protocol) {
        failures.add(failed);
    }

    public List<PeerId> failures() {
        return List.copyOf(failures);
    }
}
