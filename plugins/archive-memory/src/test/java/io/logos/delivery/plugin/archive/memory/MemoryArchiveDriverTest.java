package io.logos.delivery.plugin.archive.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MemoryArchiveDriverTest {

    private static final PubsubTopic SHARD_0 = PubsubTopic.of("/waku/2/rs/1/0");
    private static final PubsubTopic SHARD_1 = PubsubTopic.of("/waku/2/rs/1/1");
    private static final Comparator<ArchivedMessage> ARCHIVE_ORDER =
            Comparator.comparingLong(ArchivedMessage::timestamp).thenComparing(ArchivedMessage::hash);

    private final MemoryArchiveDriverFactory factory = new MemoryArchiveDriverFactory();

    private ArchiveDriver open(String url) {
        return factory.create(new ArchiveDriverConfig(url, 1));
    }

    private static ArchivedMessage message(PubsubTopic topic, String contentTopic, long timestamp, String payload) {
        return ArchivedMessage.of(topic, WakuMessage.builder().contentTopic(contentTopic).timestamp(timestamp)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void putIsIdempotentOnTheHash() {
        try (ArchiveDriver driver = open("memory://")) {
            ArchivedMessage stored = message(SHARD_0, "/app/1/chat/proto", 10, "a");
            assertTrue(driver.put(stored));
            assertFalse(driver.put(message(SHARD_0, "/app/1/chat/proto", 10, "a")));
            assertEquals(1, driver.count());
        }
    }

    @Test
    void pagesForwardAndBackwardOverEveryMessageInArchiveOrder() {
        try (ArchiveDriver driver = open("memory://")) {
            List<ArchivedMessage> all = new ArrayList<>();
            Random random = new Random(7);
            for (int i = 0; i < 95; i++) {
                // few distinct timestamps, so ties are broken by hash
                ArchivedMessage stored = message(SHARD_0, "/app/1/chat/proto", random.nextInt(10), "m" + i);
                driver.put(stored);
                all.add(stored);
            }
            all.sort(ARCHIVE_ORDER);
            assertEquals(all, pageThrough(driver, PagingDirection.FORWARD, 20));
            assertEquals(all.reversed(), pageThrough(driver, PagingDirection.BACKWARD, 20));
        }
    }

    private static List<ArchivedMessage> pageThrough(ArchiveDriver driver, PagingDirection direction, int limit) {
        List<ArchivedMessage> seen = new ArrayList<>();
        Optional<MessageHash> cursor = Optional.empty();
        while (true) {
            ArchiveQuery.Builder query = ArchiveQuery.builder().direction(direction).limit(limit);
            cursor.ifPresent(query::cursor);
            List<ArchivedMessage> page = driver.find(query.build());
            seen.addAll(page);
            if (page.size() < limit) {
                return seen;
            }
            cursor = Optional.of(page.getLast().hash());
        }
    }

    @Test
    void filtersByTopicsTimeRangeAndHashes() {
        try (ArchiveDriver driver = open("memory://")) {
            ArchivedMessage chatEarly = message(SHARD_0, "/app/1/chat/proto", 100, "1");
            ArchivedMessage chatMid = message(SHARD_0, "/app/1/chat/proto", 200, "2");
            ArchivedMessage newsMid = message(SHARD_0, "/app/1/news/proto", 200, "3");
            ArchivedMessage chatOtherShard = message(SHARD_1, "/app/1/chat/proto", 200, "4");
            ArchivedMessage chatLate = message(SHARD_0, "/app/1/chat/proto", 300, "5");
            List.of(chatEarly, chatMid, newsMid, chatOtherShard, chatLate).forEach(driver::put);

            assertEquals(List.of(chatMid, chatLate), driver.find(ArchiveQuery.builder().pubsubTopic(SHARD_0)
                    .contentTopics(Set.of("/app/1/chat/proto")).timeStart(200).timeEnd(300).build()),
                    "start and end are both inclusive");
            assertEquals(sorted(chatMid, newsMid), driver.find(ArchiveQuery.builder().pubsubTopic(SHARD_0)
                    .timeStart(150).timeEnd(250).build()));
            assertEquals(sorted(chatLate, chatEarly).reversed(), driver.find(ArchiveQuery.builder()
                    .hashes(Set.of(chatEarly.hash(), chatLate.hash(),
                            MessageHash.of(new byte[MessageHash.SIZE])))
                    .direction(PagingDirection.BACKWARD).build()));
            assertEquals(List.of(), driver.find(ArchiveQuery.builder().hashes(Set.of(chatEarly.hash()))
                    .pubsubTopic(SHARD_1).build()), "criteria are ANDed");
        }
    }

    private static List<ArchivedMessage> sorted(ArchivedMessage... messages) {
        return java.util.Arrays.stream(messages).sorted(ARCHIVE_ORDER).toList();
    }

    @Test
    void unknownCursorIsAnErrorThatNamesIt() {
        try (ArchiveDriver driver = open("memory://")) {
            MessageHash unknown = message(SHARD_0, "/app/1/chat/proto", 1, "x").hash();
            ArchiveException error = assertThrows(ArchiveException.class,
                    () -> driver.find(ArchiveQuery.builder().cursor(unknown).build()));
            assertEquals("cursor not found: " + unknown.toHex(), error.getMessage());
        }
    }

    @Test
    void isBoundedByCapacityAndDropsTheOldest() {
        try (ArchiveDriver driver = open("memory://?capacity=3")) {
            for (long ts = 1; ts <= 5; ts++) {
                driver.put(message(SHARD_0, "/app/1/chat/proto", ts, "p" + ts));
            }
            assertEquals(3, driver.count());
            assertEquals(3, driver.oldestTimestamp().getAsLong());
            assertEquals(5, driver.newestTimestamp().getAsLong());
        }
    }

    @Test
    void retentionDeletesByTimeAndByCountAndTracksSize() {
        try (ArchiveDriver driver = open("memory://")) {
            assertTrue(driver.oldestTimestamp().isEmpty());
            for (long ts = 1; ts <= 10; ts++) {
                driver.put(message(SHARD_0, "/app/1/chat/proto", ts, "payload"));
            }
            long fullSize = driver.sizeInBytes();
            assertTrue(fullSize > 10 * "payload".length());

            assertEquals(4, driver.deleteOlderThan(5));
            assertEquals(5, driver.oldestTimestamp().getAsLong());
            assertEquals(2, driver.deleteOldest(2));
            assertEquals(7, driver.oldestTimestamp().getAsLong());
            assertEquals(4, driver.count());
            assertEquals(fullSize * 4 / 10, driver.sizeInBytes());
            assertEquals(4, driver.deleteOldest(100));
            assertEquals(0, driver.sizeInBytes());
        }
    }

    @Test
    void rejectsBadUrlsAndUseAfterClose() {
        ArchiveException bad = assertThrows(ArchiveException.class, () -> open("memory://?capacity=-1"));
        assertTrue(bad.getMessage().contains("capacity '-1' is not a positive number"), bad.getMessage());
        assertThrows(ArchiveException.class, () -> open("memory://?size=10"));

        ArchiveDriver driver = open("memory://");
        driver.close();
        ArchiveException closed = assertThrows(ArchiveException.class, driver::count);
        assertEquals("the memory archive is closed", closed.getMessage());
    }
}
