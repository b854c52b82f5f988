package io.logos.delivery.api.messaging;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import java.util.List;

/**
 * The network a {@link MessagingApi#create created} node joins: cluster, autosharding, entry nodes and message
 * size. {@link NodeOverrides} change any of it.
 */
public enum Preset {

    /**
     * The Waku Network: cluster 1, 8 autosharded shards, 150 KiB messages. Its entry node is a DNS discovery
     * tree, which this node cannot resolve yet: give entry nodes as multiaddrs in {@link NodeOverrides}.
     */
    TWN(1, 8, List.of("enrtree://AIRVQ5DDA4FFWLRBCHJWUWOO6X6S4ZTZ5B667LQ6AJU6PEYDLRD5O@sandbox.waku.nodes.status.im"),
            List.of("/ip4/0.0.0.0/tcp/60000")),

    /**
     * Local development: nwaku's defaults without a preset (cluster 0, one autosharded shard) on 127.0.0.1 with
     * a port the system picks, no entry nodes: start several nodes on one machine and connect them.
     */
    LOCAL(0, 1, List.of(), List.of("/ip4/127.0.0.1/tcp/0"));

    private final int clusterId;
    private final int numShards;
    private final List<String> entryNodes;
    private final List<String> listenAddresses;

    Preset(int clusterId, int numShards, List<String> entryNodes, List<String> listenAddresses) {
        this.clusterId = clusterId;
        this.numShards = numShards;
        this.entryNodes = entryNodes;
        this.listenAddresses = listenAddresses;
    }

    public int clusterId() {
        return clusterId;
    }

    /** The number of shards autosharding spreads content topics over. */
    public int numShards() {
        return numShards;
    }

    /** Where the node looks for its first peers: multiaddrs or {@code enrtree://} URLs. */
    public List<String> entryNodes() {
        return entryNodes;
    }

    public List<String> listenAddresses() {
        return listenAddresses;
    }

    public MessageSizeLimit maxMessageSize() {
        return MessageSizeLimit.DEFAULT;
    }
}
