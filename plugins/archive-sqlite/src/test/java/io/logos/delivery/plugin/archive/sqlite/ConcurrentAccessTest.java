package io.logos.delivery.plugin.archive.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.PagingDirection;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers run beside the writer: they see committed messages only and never wait for a write. */
class ConcurrentAccessTest {

    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/1/0");
    private static final long T0 = 1_767_225_600_000_000_000L;
    private static final Comparator<ArchivedMessage> ORDER =
            Comparator.comparingLong(ArchivedMessage::timestamp).thenComparing(ArchivedMessage::hash);

    @TempDir
    Path folder;

    private Path file;
    private ArchiveDriver driver;
    private final ExecutorService threads = Executors.newFixedThreadPool(6);

    @BeforeEach
    void open() {
        file = folder.resolve("store.sqlite3");
        driver = new SqliteArchiveDriverFactory().create(new ArchiveDriverConfig("sqlite://" + file, 4));
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        driver.close();
    }

    private static ArchivedMessage message(int writer, int i) {
        return ArchivedMessage.of(SHARD, WakuMessage.builder().contentTopic("/app/1/writer-" + writer + "/proto")
                .payload(("message " + i).getBytes(StandardCharsets.UTF_8)).timestamp(T0 + i % 50).build());
    }

    @Test
    void queriesAnswerWhileAnotherConnectionHoldsAnOpenWriteTransaction() throws Exception {
        ArchivedMessage committed = message(0, 1);
        driver.put(committed);
        try (Connection other = ArchiveFile.openWriter(file)) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement(MessageRows.INSERT)) {
                MessageRows.bind(insert, message(0, 2));
                insert.executeUpdate();
            }
            // the write lock is held and the row is uncommitted: a reader neither waits nor sees it
            assertEquals(1, driver.count());
            assertEquals(List.of(committed), driver.find(ArchiveQuery.builder().build()));
            other.commit();
        }
        assertEquals(2, driver.count());
    }

    @Test
    void concurrentPutsAndQueriesEachSeeAConsistentArchive() throws Exception {
        int writers = 3;
        int perWriter = 400;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> puts = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            puts.add(threads.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    assertTrue(driver.put(message(writer, i)));
                }
                return null;
            }));
        }
        List<Future<Integer>> reads = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            reads.add(threads.submit(() -> {
                int queries = 0;
                long lastCount = 0;
                do {
                    long count = driver.count();
                    assertTrue(count >= lastCount, "the count never goes back");
                    lastCount = count;
                    List<ArchivedMessage> page = driver.find(ArchiveQuery.builder()
                            .direction(PagingDirection.BACKWARD).limit(50).build());
                    assertEquals(page.stream().sorted(ORDER.reversed()).toList(), page, "a page is in order");
                    queries++;
                } while (writing.get());
                return queries;
            }));
        }
        for (Future<?> put : puts) {
            put.get();
        }
        writing.set(false);
        for (Future<Integer> read : reads) {
            assertTrue(read.get() > 0);
        }

        assertEquals(writers * perWriter, driver.count());
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Set<MessageHash> expected = IntStream.range(0, perWriter)
                    .mapToObj(i -> message(writer, i).hash()).collect(Collectors.toSet());
            Set<MessageHash> found = driver.find(ArchiveQuery.builder()
                    .contentTopics(Set.of("/app/1/writer-" + writer + "/proto")).limit(perWriter + 1).build())
                    .stream().map(ArchivedMessage::hash).collect(Collectors.toSet());
            assertEquals(expected, found, "writer " + writer);
        }
    }
}
