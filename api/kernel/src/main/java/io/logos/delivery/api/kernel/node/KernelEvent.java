package io.logos.delivery.api.kernel.node;

import io.logos.delivery.api.kernel.PubsubTopic;

/** What a kernel node reports about itself. Upper layers build their own events from these. */
public sealed interface KernelEvent {

    /** The first connection to a peer opened. */
    record PeerConnected(PeerId peer, boolean inbound) implements KernelEvent {
    }

    /** The last connection to a peer closed. */
    record PeerDisconnected(PeerId peer) implements KernelEvent {
    }

    /** The health of a subscribed relay shard changed. */
    record TopicHealthChanged(PubsubTopic topic, TopicHealth health, int meshPeers) implements KernelEvent {
    }
}
