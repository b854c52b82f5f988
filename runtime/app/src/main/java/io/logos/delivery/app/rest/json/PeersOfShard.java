package io.logos.delivery.app.rest.json;

import java.util.List;

/** The relay or mesh peers of one shard, as {@code GET /admin/v1/peers/relay} and {@code …/mesh} list them. */
public record PeersOfShard(int shard, List<AdminPeer> peers) {

    public PeersOfShard {
        peers = List.copyOf(peers);
    }
}
