package io.logos.delivery.api.kernel;

import java.util.Objects;

/**
 * A static relay shard: a cluster and a shard index, written as the pubsub topic
 * {@code /waku/2/rs/<cluster>/<shard>}. Both numbers are unsigned 16-bit values, as nwaku parses them.
 */
public record RelayShard(int clusterId, int shardId) implements Comparable<RelayShard> {

    /** The prefix of every static-sharding pubsub topic. */
    public static final String PREFIX = "/waku/2/rs/";

    public static final int MAX_CLUSTER_ID = 0xFFFF;
    public static final int MAX_SHARD_ID = 0xFFFF;

    public RelayShard {
        if (clusterId < 0 || clusterId > MAX_CLUSTER_ID) {
            throw new IllegalArgumentException("cluster id " + clusterId + " is outside 0.." + MAX_CLUSTER_ID);
        }
        if (shardId < 0 || shardId > MAX_SHARD_ID) {
            throw new IllegalArgumentException("shard id " + shardId + " is outside 0.." + MAX_SHARD_ID);
        }
    }

    /**
     * Parses {@code /waku/2/rs/<cluster>/<shard>}.
     *
     * @throws InvalidTopicException naming what is wrong with {@code text}
     */
    public static RelayShard parse(String text) {
        Objects.requireNonNull(text, "pubsub topic");
        if (!text.startsWith(PREFIX)) {
            throw new InvalidTopicException(text, "a relay shard topic must start with " + PREFIX);
        }
        String[] parts = text.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 2) {
            throw new InvalidTopicException(text, "expected " + PREFIX + "<cluster_id>/<shard_number>");
        }
        int cluster = parseNumber(text, "cluster_id", parts[0], MAX_CLUSTER_ID);
        int shard = parseNumber(text, "shard_number", parts[1], MAX_SHARD_ID);
        return new RelayShard(cluster, shard);
    }

    private static int parseNumber(String text, String name, String part, int max) {
        if (part.isEmpty()) {
            throw new InvalidTopicException(text, "missing " + name);
        }
        if (!part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidTopicException(text, name + " '" + part + "' is not a decimal number");
        }
        String digits = part.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 5 || Integer.parseInt(digits) > max) {
            throw new InvalidTopicException(text, name + " " + digits + " is larger than " + max);
        }
        return Integer.parseInt(digits);
    }

    /** This shard as a pubsub topic. */
    public PubsubTopic toPubsubTopic() {
        return PubsubTopic.of(toString());
    }

    @Override
    public int compareTo(RelayShard other) {
        int byCluster = Integer.compare(clusterId, other.clusterId);
        return byCluster != 0 ? byCluster : Integer.compare(shardId, other.shardId);
    }

    @Override
    public String toString() {
        return PREFIX + clusterId + "/" + shardId;
    }
}
