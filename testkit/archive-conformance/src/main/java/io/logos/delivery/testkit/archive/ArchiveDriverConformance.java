package io.logos.delivery.testkit.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ArchiveDriver} contract. A driver's test class extends this and opens an empty driver in
 * {@link #openEmptyDriver()}; every test gets a fresh one and closes it. The expected results are computed
 * here from the messages put, with {@link ArchiveQuery#matches} and the (timestamp, unsigned hash) order.
 */
public abstract class ArchiveDriverConformance {

    protected static final PubsubTopic SHARD_0 = PubsubTopic.of("/waku/2/rs/1/0");
    protected static final PubsubTopic SHARD_1 = PubsubTopic.of("/waku/2/rs/1/1");
    protected static final String CHAT = "/app/1/chat/proto";
    protected static final String NEWS = "/app/1/news/proto";
    /** 2026-01-01T00:00:00Z in nanoseconds; messages are stamped a few seconds apart from here. */
    protected static final long T0 = 1_767_225_600_000_000_000L;

    private static final Comparator<ArchivedMessage> ORDER = Comparator.comparingLong(ArchivedMessage::timestamp)
            .thenComparing(ArchivedMessage::hash);

    protected ArchiveDriver driver;

    /** An open driver over an empty archive. */
    protected abstract ArchiveDriver openEmptyDriver() throws Exception;

    @BeforeEach
    void open() throws Exception {
        driver = openEmptyDriver();
    }

    @AfterEach
    void close() {
        driver.close();
    }

    protected static ArchivedMessage message(PubsubTopic topic, String contentTopic, long timestamp, String text) {
        return ArchivedMessage.of(topic, WakuMessage.builder().contentTopic(contentTopic)
                .payload(text.getBytes(StandardCharsets.UTF_8)).timestamp(timestamp).build());
    }

    /** Puts {@code count} messages over two shards and two content topics, in a shuffled order. */
    protected List<ArchivedMessage> putMixed(int count) {
        List<ArchivedMessage> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // every third pair shares a timestamp, so that ties are ordered by hash
            long timestamp = T0 + (i / 2) * 1_000_000_000L;
            all.add(message(i % 3 == 0 ? SHARD_1 : SHARD_0, i % 2 == 0 ? CHAT : NEWS, timestamp, "message " + i));
        }
        List<ArchivedMessage> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(42));
        shuffled.forEach(stored -> assertTrue(driver.put(stored), "new message " + stored.hash()));
        return all;
    }

    private static List<ArchivedMessage> expected(List<ArchivedMessage> all, ArchiveQuery query) {
        Comparator<ArchivedMessage> order = query.direction() == PagingDirection.FORWARD ? ORDER : ORDER.reversed();
        return all.stream().filter(query::matches).sorted(order).toList();
    }

    /** Every page of {@code query} followed by cursor, concatenated. */
    private List<ArchivedMessage> allPages(ArchiveQuery query) {
        List<ArchivedMessage> pages = new ArrayList<>();
        ArchiveQuery next = query;
        while (true) {
            List<ArchivedMessage> page = driver.find(next);
            assertTrue(page.size() <= query.limit(), "a page holds at most the limit");
            pages.addAll(page);
            if (page.size() < query.limit()) {
                return pages;
            }
            next = new ArchiveQuery(query.pubsubTopic(), query.contentTopics(), query.timeStart(), query.timeEnd(),
                    query.hashes(), Optional.of(page.getLast().hash()), query.direction(), query.limit());
        }
    }

    private static List<MessageHash> hashes(List<ArchivedMessage> messages) {
        return messages.stream().map(ArchivedMessage::hash).toList();
    }

    @Test
    void storesAMessageOnceAndReturnsItIntact() {
        WakuMessage full = WakuMessage.builder().contentTopic(CHAT).payload(new byte[] {1, 2, 3}).version(1)
                .timestamp(T0).meta(new byte[] {9, 8}).rateLimitProof(new byte[] {7}).build();
        ArchivedMessage stored = ArchivedMessage.of(SHARD_0, full);

        assertTrue(driver.put(stored));
        assertFalse(driver.put(stored), "a second put of the same hash is a no-op");

        assertEquals(1, driver.count());
        ArchivedMessage found = driver.find(ArchiveQuery.builder().build()).getFirst();
        assertEquals(stored.hash(), found.hash());
        assertEquals(SHARD_0, found.pubsubTopic());
        assertEquals(full, found.message());
        assertArrayEquals(new byte[] {9, 8}, found.message().meta());
        assertEquals(stored.hash(), MessageHash.compute(found.pubsubTopic(), found.message()),
                "what comes back hashes to what went in");
    }

    @Test
    void ordersByTimestampThenUnsignedHashInBothDirections() {
        List<ArchivedMessage> all = putMixed(30);
        for (PagingDirection direction : PagingDirection.values()) {
            ArchiveQuery query = ArchiveQuery.builder().direction(direction).limit(100).build();
            assertEquals(hashes(expected(all, query)), hashes(driver.find(query)), direction.toString());
        }
    }

    @Test
    void pagesWithTheCursorCoverEverythingOnceInBothDirections() {
        List<ArchivedMessage> all = putMixed(47);
        for (PagingDirection direction : PagingDirection.values()) {
            ArchiveQuery query = ArchiveQuery.builder().direction(direction).limit(10).build();
            assertEquals(hashes(expected(all, query)), hashes(allPages(query)), direction.toString());
        }
    }

    @Test
    void filtersCombineAndTheTimeRangeIncludesItsEnd() {
        List<ArchivedMessage> all = putMixed(40);
        long start = T0 + 3_000_000_000L;
        long end = T0 + 12_000_000_000L;
        List<ArchiveQuery> queries = List.of(
                ArchiveQuery.builder().pubsubTopic(SHARD_0).limit(100).build(),
                ArchiveQuery.builder().contentTopics(Set.of(CHAT)).limit(100).build(),
                ArchiveQuery.builder().contentTopics(Set.of(CHAT, NEWS)).pubsubTopic(SHARD_1).limit(100).build(),
                ArchiveQuery.builder().timeStart(start).timeEnd(end).limit(100).build(),
                ArchiveQuery.builder().timeEnd(end).direction(PagingDirection.BACKWARD).limit(100).build(),
                ArchiveQuery.builder().pubsubTopic(SHARD_0).contentTopics(Set.of(NEWS)).timeStart(start)
                        .timeEnd(end).limit(3).build(),
                ArchiveQuery.builder().contentTopics(Set.of("/app/1/none/proto")).limit(100).build());
        for (ArchiveQuery query : queries) {
            assertEquals(hashes(expected(all, query)), hashes(allPages(query)), query.toString());
        }
        assertTrue(hashes(driver.find(queries.get(3))).contains(all.get(24).hash()), "end is inclusive");
    }

    @Test
    void findsByHashesAndCombinesThemWithOtherFilters() {
        List<ArchivedMessage> all = putMixed(30);
        Set<MessageHash> wanted = Set.of(all.get(2).hash(), all.get(7).hash(), all.get(19).hash(),
                MessageHash.compute(SHARD_0, message(SHARD_0, CHAT, T0, "never stored").message()));
        ArchiveQuery byHash = ArchiveQuery.builder().hashes(wanted).limit(100).build();
        assertEquals(hashes(expected(all, byHash)), hashes(driver.find(byHash)));
        ArchiveQuery narrowed = ArchiveQuery.builder().hashes(wanted).contentTopics(Set.of(CHAT)).limit(100).build();
        assertEquals(hashes(expected(all, narrowed)), hashes(driver.find(narrowed)));
    }

    @Test
    void anUnknownCursorIsAnError() {
        putMixed(5);
        MessageHash unknown = MessageHash.compute(SHARD_0, message(SHARD_0, CHAT, T0, "unknown").message());
        ArchiveException error = assertThrows(ArchiveException.class,
                () -> driver.find(ArchiveQuery.builder().cursor(unknown).build()));
        assertTrue(error.getMessage().contains("cursor not found"), error.getMessage());
    }

    @Test
    void countsAndKnowsItsOldestAndNewest() {
        assertEquals(0, driver.count());
        assertEquals(OptionalLong.empty(), driver.oldestTimestamp());
        assertEquals(OptionalLong.empty(), driver.newestTimestamp());
        List<ArchivedMessage> all = putMixed(20);
        assertEquals(20, driver.count());
        assertEquals(OptionalLong.of(T0), driver.oldestTimestamp());
        assertEquals(OptionalLong.of(all.getLast().timestamp()), driver.newestTimestamp());
        assertTrue(driver.sizeInBytes() > 0);
    }

    @Test
    void deletesOlderThanACutoffAndTheOldestFirst() {
        List<ArchivedMessage> all = putMixed(20);
        long cutoff = T0 + 5_000_000_000L;
        long older = all.stream().filter(m -> m.timestamp() < cutoff).count();

        assertEquals(older, driver.deleteOlderThan(cutoff));
        assertEquals(20 - older, driver.count());
        assertEquals(OptionalLong.of(cutoff), driver.oldestTimestamp());

        List<ArchivedMessage> remaining = all.stream().filter(m -> m.timestamp() >= cutoff).sorted(ORDER).toList();
        assertEquals(3, driver.deleteOldest(3));
        assertEquals(hashes(remaining.subList(3, remaining.size())),
                hashes(driver.find(ArchiveQuery.builder().limit(100).build())));
        assertEquals(remaining.size() - 3, driver.deleteOldest(1000), "deletes no more than it holds");
        assertEquals(0, driver.count());
        driver.reclaimSpace();
    }

    @Test
    void pagesThroughALongRunOfEqualTimestampsByHash() {
        List<ArchivedMessage> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(message(SHARD_0, CHAT, T0, "same time " + i));
        }
        all.forEach(driver::put);
        for (PagingDirection direction : PagingDirection.values()) {
            ArchiveQuery query = ArchiveQuery.builder().direction(direction).limit(7).build();
            assertEquals(hashes(expected(all, query)), hashes(allPages(query)), direction.toString());
        }
    }

    @Test
    void aMessageWithoutTimestampIsStoredAsTheOldest() {
        ArchivedMessage untimed = message(SHARD_0, CHAT, 0, "no timestamp");
        ArchivedMessage timed = message(SHARD_0, CHAT, T0, "timed");
        assertTrue(driver.put(timed));
        assertTrue(driver.put(untimed));

        assertEquals(OptionalLong.of(0), driver.oldestTimestamp());
        assertEquals(List.of(untimed.hash(), timed.hash()), hashes(driver.find(ArchiveQuery.builder().build())));
        assertEquals(List.of(untimed.hash()), hashes(driver.find(ArchiveQuery.builder().timeEnd(0).build())));
        assertEquals(1, driver.deleteOlderThan(1));
        assertEquals(List.of(timed.hash()), hashes(driver.find(ArchiveQuery.builder().build())));
    }

    @Test
    void keepsEveryByteOfBinaryEmptyAndLargeFields() {
        byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] large = new byte[150 * 1024];
        new Random(5).nextBytes(large);
        List<WakuMessage> messages = List.of(
                WakuMessage.builder().contentTopic(CHAT).payload(everyByte).meta(new byte[] {0, -1, 0}).timestamp(T0)
                        .build(),
                WakuMessage.builder().contentTopic("/app/1/ünïcødé-☃/proto").timestamp(T0 + 1).build(),
                WakuMessage.builder().contentTopic(CHAT).payload(large).version(WakuMessage.MAX_VERSION)
                        .timestamp(T0 + 2).build());
        for (WakuMessage message : messages) {
            assertTrue(driver.put(ArchivedMessage.of(SHARD_1, message)));
        }
        List<ArchivedMessage> found = driver.find(ArchiveQuery.builder().build());
        assertEquals(messages, found.stream().map(ArchivedMessage::message).toList());
        ArchiveQuery byUnicodeTopic = ArchiveQuery.builder().contentTopics(Set.of("/app/1/ünïcødé-☃/proto")).build();
        assertEquals(1, driver.find(byUnicodeTopic).size(), "a non-ASCII content topic is matched exactly");
    }

    @Test
    void aSecondPutOfTheSameHashKeepsTheFirstCopy() {
        WakuMessage first = WakuMessage.builder().contentTopic(CHAT).payload(new byte[] {1}).timestamp(T0)
                .rateLimitProof(new byte[] {1}).build();
        // the proof and version are not hashed: this is the same message as far as the archive is concerned
        WakuMessage second = first.toBuilder().rateLimitProof(new byte[] {2}).version(1).build();
        assertTrue(driver.put(ArchivedMessage.of(SHARD_0, first)));
        assertFalse(driver.put(ArchivedMessage.of(SHARD_0, second)));
        assertEquals(List.of(first), driver.find(ArchiveQuery.builder().build()).stream()
                .map(ArchivedMessage::message).toList());
    }

    @Test
    void aCursorOutsideTheFiltersStillMarksThePosition() {
        List<ArchivedMessage> all = putMixed(30);
        ArchivedMessage news = all.get(13);
        assertEquals(NEWS, news.message().contentTopic());
        for (PagingDirection direction : PagingDirection.values()) {
            ArchiveQuery chat = ArchiveQuery.builder().contentTopics(Set.of(CHAT)).direction(direction).limit(100)
                    .build();
            ArchiveQuery afterNews = new ArchiveQuery(chat.pubsubTopic(), chat.contentTopics(), chat.timeStart(),
                    chat.timeEnd(), chat.hashes(), Optional.of(news.hash()), direction, chat.limit());
            int sign = direction == PagingDirection.FORWARD ? 1 : -1;
            List<ArchivedMessage> expected = expected(all, chat).stream()
                    .filter(m -> sign * ORDER.compare(m, news) > 0).toList();
            assertEquals(hashes(expected), hashes(driver.find(afterNews)), direction.toString());
        }
    }

    @Test
    void aPageLargerThanTheArchiveHoldsEverythingAndARangeAfterItNothing() {
        List<ArchivedMessage> all = putMixed(12);
        ArchiveQuery everything = ArchiveQuery.builder().limit(1000).build();
        assertEquals(hashes(expected(all, everything)), hashes(driver.find(everything)));
        assertEquals(List.of(), driver.find(ArchiveQuery.builder().timeStart(all.getLast().timestamp() + 1).build()));
    }

    @Test
    void callsAfterCloseFailAndClosingAgainDoesNothing() {
        putMixed(3);
        driver.close();
        driver.close();
        assertThrows(ArchiveException.class, () -> driver.put(message(SHARD_0, CHAT, T0, "late")));
        assertThrows(ArchiveException.class, () -> driver.find(ArchiveQuery.builder().build()));
        assertThrows(ArchiveException.class, driver::count);
    }
}
