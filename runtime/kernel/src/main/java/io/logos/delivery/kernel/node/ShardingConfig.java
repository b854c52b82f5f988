package io.logos.delivery.kernel.node;

import io.logos.delivery.api.kernel.AutoSharding;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.RelayShard;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The node's cluster and shards. {@code numShardsInNetwork} &gt; 0 means autosharding over that many shards
 * (nwaku's default: 1); 0 means static sharding, where publishers must name the pubsub topic. Without
 * explicit shards an autosharding node serves all of them.
 */
public record ShardingConfig(int clusterId, List<Integer> shards, int numShardsInNetwork) {

    public ShardingConfig {
        shards = List.copyOf(shards);
        if (clusterId < 0 || clusterId > RelayShard.MAX_CLUSTER_ID) {
            throw new IllegalArgumentException("cluster id must be 0.." + RelayShard.MAX_CLUSTER_ID + ", was " + clusterId);
        }
        if (numShardsInNetwork < 0 || numShardsInNetwork > 1024) {
            throw new IllegalArgumentException("number of shards in network must be 0..1024, was " + numShardsInNetwork);
        }
        for (int shard : shards) {
            if (shard < 0 || shard > RelayShard.MAX_SHARD_ID) {
                throw new IllegalArgumentException("shard must be 0.." + RelayShard.MAX_SHARD_ID + ", was " + shard);
            }
            if (numShardsInNetwork > 0 && shard >= numShardsInNetwork) {
                throw new IllegalArgumentException("shard " + shard + " is outside the " + numShardsInNetwork
                        + " shards of the network (--num-shards-in-network)");
            }
        }
        if (numShardsInNetwork == 0 && shards.isEmpty()) {
            throw new IllegalArgumentException("static sharding (--num-shards-in-network=0) needs at least one --shard");
        }
    }

    /** nwaku's defaults: cluster 0, autosharding over 1 shard. */
    public static ShardingConfig defaults() {
        return new ShardingConfig(0, List.of(), 1);
    }

    public Optional<AutoSharding> autoSharding() {
        return numShardsInNetwork > 0 ? Optional.of(new AutoSharding(clusterId, numShardsInNetwork)) : Optional.empty();
    }

    /** The shards served: the configured ones, else every shard of the network. */
    public List<Integer> effectiveShards() {
        return shards.isEmpty() ? IntStream.range(0, numShardsInNetwork).boxed().toList() : shards;
    }

    public List<PubsubTopic> pubsubTopics() {
        return effectiveShards().stream().map(shard -> new RelayShard(clusterId, shard).toPubsubTopic()).toList();
    }
}
