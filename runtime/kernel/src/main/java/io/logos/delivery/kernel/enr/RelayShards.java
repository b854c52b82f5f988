package io.logos.delivery.kernel.enr;

import io.logos.delivery.api.kernel.RelayShard;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The relay shards of one cluster a node announces in its record (WAKU2-ENR, relay sharding): under
 * {@code rs} as an index list below {@link #INDEX_LIST_LIMIT} shards, else under {@code rsv} as a bit vector.
 *
 * @param clusterId the cluster, 0..65535
 * @param shardIds  the shards in ascending order without repeats; each 0..65535 (a pubsub topic's range, which
 *                  {@code rs} can carry), and 0..1023 when there are enough of them for {@code rsv}
 */
public record RelayShards(int clusterId, List<Integer> shardIds) {

    /** nwaku writes the index list for fewer shards than this, the bit vector otherwise. */
    public static final int INDEX_LIST_LIMIT = 64;
    static final String INDEX_LIST_KEY = "rs";
    static final String BIT_VECTOR_KEY = "rsv";
    /** The bit vector's shards: 0..1023. */
    private static final int VECTOR_SHARDS = 1024;
    private static final int VECTOR_BYTES = VECTOR_SHARDS / Byte.SIZE;

    public RelayShards {
        if (clusterId < 0 || clusterId > RelayShard.MAX_CLUSTER_ID) {
            throw new IllegalArgumentException("cluster id must be 0.." + RelayShard.MAX_CLUSTER_ID + ", was " + clusterId);
        }
        SortedSet<Integer> sorted = new TreeSet<>(shardIds);
        for (int shard : sorted) {
            if (shard < 0 || shard > RelayShard.MAX_SHARD_ID) {
                throw new IllegalArgumentException("shard must be 0.." + RelayShard.MAX_SHARD_ID + ", was " + shard);
            }
        }
        shardIds = List.copyOf(sorted);
    }

    /** The key this value is written under: {@code rs} or {@code rsv}. */
    String key() {
        return shardIds.size() < INDEX_LIST_LIMIT ? INDEX_LIST_KEY : BIT_VECTOR_KEY;
    }

    /** The value written under {@link #key()}. */
    byte[] encode() {
        return shardIds.size() < INDEX_LIST_LIMIT ? indexList() : bitVector();
    }

    /** {@code uint16 cluster ‖ uint8 count ‖ count × uint16 shard}, big-endian. */
    private byte[] indexList() {
        ByteBuffer out = ByteBuffer.allocate(3 + 2 * shardIds.size());
        out.putShort((short) clusterId).put((byte) shardIds.size());
        shardIds.forEach(shard -> out.putShort(shard.shortValue()));
        return out.array();
    }

    /** {@code uint16 cluster ‖ 128 bytes}; shard i is bit {@code i mod 8} (least significant first) of byte {@code i / 8}, as nwaku writes it. */
    private byte[] bitVector() {
        if (shardIds.getLast() >= VECTOR_SHARDS) {
            throw new IllegalArgumentException("shard " + shardIds.getLast() + " does not fit rsv's " + VECTOR_SHARDS
                    + " bits");
        }
        byte[] value = new byte[2 + VECTOR_BYTES];
        value[0] = (byte) (clusterId >>> Byte.SIZE);
        value[1] = (byte) clusterId;
        shardIds.forEach(shard -> value[2 + shard / Byte.SIZE] |= (byte) (1 << (shard % Byte.SIZE)));
        return value;
    }

    static RelayShards decodeIndexList(byte[] value) {
        if (value.length < 3) {
            throw new InvalidEnrException("rs is " + value.length + " bytes, at least 3 expected");
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        int clusterId = Short.toUnsignedInt(in.getShort());
        int count = Byte.toUnsignedInt(in.get());
        if (value.length != 3 + 2 * count) {
            throw new InvalidEnrException("rs announces " + count + " shards, so it must be " + (3 + 2 * count)
                    + " bytes, but it is " + value.length);
        }
        List<Integer> shards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            shards.add(Short.toUnsignedInt(in.getShort()));
        }
        return decoded("rs", clusterId, shards);
    }

    /** Reads the bit vector in nwaku's bit order (see {@link #bitVector()}). */
    static RelayShards decodeBitVector(byte[] value) {
        if (value.length != 2 + VECTOR_BYTES) {
            throw new InvalidEnrException("rsv is " + value.length + " bytes; it must be " + (2 + VECTOR_BYTES));
        }
        int clusterId = ((value[0] & 0xff) << Byte.SIZE) | (value[1] & 0xff);
        List<Integer> shards = new ArrayList<>();
        for (int shard = 0; shard < VECTOR_SHARDS; shard++) {
            if ((value[2 + shard / Byte.SIZE] & (1 << (shard % Byte.SIZE))) != 0) {
                shards.add(shard);
            }
        }
        return decoded("rsv", clusterId, shards);
    }

    private static RelayShards decoded(String key, int clusterId, List<Integer> shards) {
        try {
            return new RelayShards(clusterId, shards);
        } catch (IllegalArgumentException e) {
            throw new InvalidEnrException(key + ": " + e.getMessage(), e);
        }
    }
}
