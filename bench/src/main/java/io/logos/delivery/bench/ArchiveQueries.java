package io.logos.delivery.bench;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The two store queries the benchmark times, drawn at random over the first {@code stored} messages of a
 * {@link SyntheticMessages}: a page of one content topic (with its shard) in a time window, and a look-up of
 * stored hashes.
 */
final class ArchiveQueries {

    static final int PAGE_SIZE = 20;

    private final SyntheticMessages messages;
    private final int stored;
    private final long windowNanos;
    private final SplittableRandom random;

    ArchiveQueries(SyntheticMessages messages, int stored, long windowNanos, long seed) {
        if (stored < PAGE_SIZE) {
            throw new IllegalArgumentException("at least " + PAGE_SIZE + " stored messages are needed, got " + stored);
        }
        this.messages = messages;
        this.stored = stored;
        this.windowNanos = windowNanos;
        this.random = new SplittableRandom(seed);
    }

    /** The first page, forward, of a random content topic in a window of the given width inside the stored range. */
    ArchiveQuery contentTopicPage() {
        String topic = SyntheticMessages.CONTENT_TOPICS.get(random.nextInt(SyntheticMessages.CONTENT_TOPICS.size()));
        long first = messages.slotStart(0);
        long latestStart = Math.max(first + 1, messages.slotStart(stored) - windowNanos);
        long start = random.nextLong(first, latestStart);
        return ArchiveQuery.builder().pubsubTopic(SyntheticMessages.shardOf(topic)).contentTopics(Set.of(topic))
                .timeStart(start).timeEnd(start + windowNanos).limit(PAGE_SIZE).build();
    }

    /** {@value #PAGE_SIZE} distinct stored hashes, nothing else. */
    ArchiveQuery hashLookup() {
        Set<MessageHash> hashes = new HashSet<>();
        while (hashes.size() < PAGE_SIZE) {
            hashes.add(messages.message(random.nextInt(stored)).hash());
        }
        return ArchiveQuery.builder().hashes(hashes).limit(PAGE_SIZE).build();
    }
}
