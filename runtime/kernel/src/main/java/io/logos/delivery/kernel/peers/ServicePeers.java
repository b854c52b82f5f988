package io.logos.delivery.kernel.peers;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.libp2p.peer.PeerId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where light clients (light push, filter, store) find a service peer; the peer manager implements it. */
public interface ServicePeers {

    /**
     * A connected peer serving {@code protocol} (and, when given, {@code shard}): the configured service
     * peer for that protocol if any, else a known peer that advertises it. Dials it when not connected.
     * Fails when there is none or it cannot be reached.
     */
    CompletableFuture<PeerId> connectedPeerFor(String protocol, Optional<PubsubTopic> shard);

    /** Reports that {@code peer} failed a request of {@code protocol}, so that another may be chosen. */
    void reportFailure(PeerId peer, String protocol);
}
