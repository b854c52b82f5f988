package io.logos.delivery.api.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Automatic sharding (RELAY-SHARDING): a content topic maps to one of {@code shardCount} shards of a
 * cluster by {@code uint64_be(last 8 bytes of SHA-256(application ‖ version)) mod shardCount}, the rule
 * nwaku and js-waku implement (the spec's whole-hash modulo differs for shard counts that are not
 * powers of two).
 */
public record AutoSharding(int clusterId, int shardCount) {

    public AutoSharding {
        if (clusterId < 0 || clusterId > RelayShard.MAX_CLUSTER_ID) {
            throw new IllegalArgumentException("cluster id " + clusterId + " is outside 0.." + RelayShard.MAX_CLUSTER_ID);
        }
        if (shardCount < 1 || shardCount > RelayShard.MAX_SHARD_ID + 1) {
            throw new IllegalArgumentException("shard count " + shardCount + " is outside 1.."
                    + (RelayShard.MAX_SHARD_ID + 1));
        }
    }

    /**
     * The shard that carries {@code topic}.
     *
     * @throws InvalidTopicException when the topic names a generation other than 0
     */
    public RelayShard shardOf(ContentTopic topic) {
        if (topic.generation().orElse(0) != 0) {
            throw new InvalidTopicException(topic.value(), "generation > 0 is not supported yet");
        }
        MessageDigest sha256 = sha256();
        sha256.update(topic.application().getBytes(StandardCharsets.UTF_8));
        byte[] digest = sha256.digest(topic.version().getBytes(StandardCharsets.UTF_8));
        long lastEight = ByteBuffer.wrap(digest, digest.length - Long.BYTES, Long.BYTES).getLong();
        return new RelayShard(clusterId, (int) Long.remainderUnsigned(lastEight, shardCount));
    }

    /** The pubsub topic that carries {@code topic}. */
    public PubsubTopic pubsubTopicOf(ContentTopic topic) {
        return shardOf(topic).toPubsubTopic();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
