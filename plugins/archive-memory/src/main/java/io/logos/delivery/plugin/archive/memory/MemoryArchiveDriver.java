package io.logos.delivery.plugin.archive.memory;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Messages in a sorted map keyed by (timestamp, hash), with a hash index for cursors and look-ups.
 * Holds at most {@code capacity} messages: storing one more drops the oldest.
 */
final class MemoryArchiveDriver implements ArchiveDriver {

    private static final MessageHash LOWEST_HASH = MessageHash.of(new byte[MessageHash.SIZE]);
    private static final MessageHash HIGHEST_HASH = MessageHash.of(filled((byte) 0xFF));

    private final int capacity;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<SortKey, ArchivedMessage> byOrder = new TreeMap<>();
    private final Map<MessageHash, SortKey> byHash = new HashMap<>();
    private long sizeInBytes;
    private boolean closed;

    MemoryArchiveDriver(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean put(ArchivedMessage message) {
        lock.writeLock().lock();
        try {
            checkOpen();
            if (byHash.containsKey(message.hash())) {
                return false;
            }
            SortKey key = new SortKey(message.timestamp(), message.hash());
            byOrder.put(key, message);
            byHash.put(message.hash(), key);
            sizeInBytes += estimatedSize(message);
            if (byOrder.size() > capacity) {
                removeOldest(byOrder.size() - capacity);
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<ArchivedMessage> find(ArchiveQuery query) {
        lock.readLock().lock();
        try {
            checkOpen();
            NavigableMap<SortKey, ArchivedMessage> candidates = query.hashes().isEmpty()
                    ? byOrder : storedWithHashes(query);
            List<ArchivedMessage> page = new ArrayList<>(Math.min(query.limit(), 128));
            for (ArchivedMessage stored : window(candidates, query).values()) {
                if (query.matches(stored)) {
                    page.add(stored);
                    if (page.size() == query.limit()) {
                        break;
                    }
                }
            }
            return page;
        } finally {
            lock.readLock().unlock();
        }
    }

    private NavigableMap<SortKey, ArchivedMessage> storedWithHashes(ArchiveQuery query) {
        TreeMap<SortKey, ArchivedMessage> selected = new TreeMap<>();
        for (MessageHash hash : query.hashes()) {
            SortKey key = byHash.get(hash);
            if (key != null) {
                selected.put(key, byOrder.get(key));
            }
        }
        return selected;
    }

    /** Narrows {@code view} to the query's time range and cursor, in the query's direction. */
    private NavigableMap<SortKey, ArchivedMessage> window(NavigableMap<SortKey, ArchivedMessage> view,
                                                           ArchiveQuery query) {
        if (query.timeStart().isPresent() && query.timeEnd().isPresent()
                && query.timeStart().getAsLong() > query.timeEnd().getAsLong()) {
            return java.util.Collections.emptyNavigableMap(); // an empty range, not an error
        }
        if (query.timeStart().isPresent()) {
            view = view.tailMap(new SortKey(query.timeStart().getAsLong(), LOWEST_HASH), true);
        }
        if (query.timeEnd().isPresent()) {
            view = view.headMap(new SortKey(query.timeEnd().getAsLong(), HIGHEST_HASH), true);
        }
        boolean forward = query.direction() == PagingDirection.FORWARD;
        if (query.cursor().isPresent()) {
            SortKey cursor = byHash.get(query.cursor().get());
            if (cursor == null) {
                throw new ArchiveException("cursor not found: " + query.cursor().get());
            }
            view = forward ? view.tailMap(cursor, false) : view.headMap(cursor, false);
        }
        return forward ? view : view.descendingMap();
    }

    @Override
    public long count() {
        return read(() -> (long) byOrder.size());
    }

    @Override
    public OptionalLong oldestTimestamp() {
        return read(() -> byOrder.isEmpty() ? OptionalLong.empty() : OptionalLong.of(byOrder.firstKey().timestamp()));
    }

    @Override
    public OptionalLong newestTimestamp() {
        return read(() -> byOrder.isEmpty() ? OptionalLong.empty() : OptionalLong.of(byOrder.lastKey().timestamp()));
    }

    @Override
    public long deleteOlderThan(long cutoffNanos) {
        lock.writeLock().lock();
        try {
            checkOpen();
            return removeOldest(byOrder.headMap(new SortKey(cutoffNanos, LOWEST_HASH), false).size());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long deleteOldest(long count) {
        lock.writeLock().lock();
        try {
            checkOpen();
            return removeOldest(count);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long sizeInBytes() {
        return read(() -> sizeInBytes);
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            byOrder.clear();
            byHash.clear();
            sizeInBytes = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private long removeOldest(long count) {
        long removed = 0;
        while (removed < count && !byOrder.isEmpty()) {
            ArchivedMessage oldest = byOrder.pollFirstEntry().getValue();
            byHash.remove(oldest.hash());
            sizeInBytes -= estimatedSize(oldest);
            removed++;
        }
        return removed;
    }

    private <T> T read(Supplier<T> reader) {
        lock.readLock().lock();
        try {
            checkOpen();
            return reader.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ArchiveException("the memory archive is closed");
        }
    }

    /** The bytes a message's fields hold, plus its key; object headers are not counted. */
    private static long estimatedSize(ArchivedMessage stored) {
        WakuMessage message = stored.message();
        return MessageHash.SIZE + Long.BYTES
                + stored.pubsubTopic().value().getBytes(StandardCharsets.UTF_8).length
                + message.contentTopic().getBytes(StandardCharsets.UTF_8).length
                + message.payloadSize() + message.meta().length + message.rateLimitProof().length;
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[MessageHash.SIZE];
        Arrays.fill(bytes, value);
        return bytes;
    }

    /** The archive order: timestamp, then hash as unsigned bytes. */
    private record SortKey(long timestamp, MessageHash hash) implements Comparable<SortKey> {
        @Override
        public int compareTo(SortKey other) {
            int byTime = Long.compare(timestamp, other.timestamp);
            return byTime != 0 ? byTime : hash.compareTo(other.hash);
        }
    }
}
