package io.logos.delivery.bench;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The memory baseline: the two maps the memory driver keeps, a {@link TreeMap} in (timestamp, hash) order and a
 * {@link HashMap} by hash, filled without its lock, duplicate check or size accounting.
 */
final class SortedMapInsert implements RawInsert {

    private record Key(long timestamp, MessageHash hash) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byTime = Long.compare(timestamp, other.timestamp);
            return byTime != 0 ? byTime : hash.compareTo(other.hash);
        }
    }

    private final TreeMap<Key, ArchivedMessage> byOrder = new TreeMap<>();
    private final Map<MessageHash, Key> byHash = new HashMap<>();

    @Override
    public String description() {
        return "TreeMap.put by (timestamp, hash) + HashMap.put by hash";
    }

    @Override
    public void insertAll(ArchivedMessage[] messages) {
        for (ArchivedMessage message : messages) {
            Key key = new Key(message.timestamp(), message.hash());
            byOrder.put(key, message);
            byHash.put(message.hash(), key);
        }
    }

    @Override
    public void close() {
        byOrder.clear();
        byHash.clear();
    }
}
