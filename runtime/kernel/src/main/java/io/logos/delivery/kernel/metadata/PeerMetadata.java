package io.logos.delivery.kernel.metadata;

import java.util.List;
import java.util.OptionalInt;

/** What a peer told us in its metadata answer; the cluster is empty when it did not say. */
public record PeerMetadata(OptionalInt clusterId, List<Integer> shards) {

    public PeerMetadata {
        shards = List.copyOf(shards);
    }
}
