package io.logos.delivery.kernel.lightpush;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.kernel.peers.ServicePeers;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Service peers for client tests: always offers one peer (or none), and records what it is asked and told. */
final class RecordingServicePeers implements ServicePeers {

    record Request(String protocol, Optional<PubsubTopic> shard) {
    }

    record Failure(PeerId peer, String protocol) {
    }

    private final Optional<PeerId> offered;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();

    RecordingServicePeers(Optional<PeerId> offered) {
        this.offered = offered;
    }

    @Override
    public CompletableFuture<PeerId> connectedPeerFor(String protocol, Optional<PubsubTopic> shard) {
        requests.add(new Request(protocol, shard));
        return offered.map(CompletableFuture::completedFuture).orElseGet(() -> CompletableFuture.failedFuture(
                new IllegalStateException("no peer serves " + protocol)));
    }

    @Override
    public void reportFailure(PeerId peer, String protocol) {
        failures.add(new Failure(peer, protocol));
    }

    List<Request> requests() {
        return requests;
    }

    List<Failure> failures() {
        return failures;
    }
}
