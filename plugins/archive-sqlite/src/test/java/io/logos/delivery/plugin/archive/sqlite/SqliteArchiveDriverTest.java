package io.logos.delivery.plugin.archive.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the SQLite driver does beyond the shared contract: files, URLs, persistence, space. */
class SqliteArchiveDriverTest {

    private static final PubsubTopic SHARD = PubsubTopic.of("/waku/2/rs/1/0");
    private static final long T0 = 1_767_225_600_000_000_000L;

    @TempDir
    Path folder;

    private static ArchiveDriver open(String url) {
        return new SqliteArchiveDriverFactory().create(new ArchiveDriverConfig(url, 3));
    }

    private static List<ArchivedMessage> messages(int count, int payloadBytes) {
        Random random = new Random(count);
        List<ArchivedMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[payloadBytes];
            random.nextBytes(payload);
            messages.add(ArchivedMessage.of(SHARD, WakuMessage.builder().contentTopic("/app/1/chat/proto")
                    .payload(payload).timestamp(T0 + i).build()));
        }
        return messages;
    }

    @Test
    void messagesSurviveClosingAndReopening() {
        String url = "sqlite://" + folder.resolve("store.sqlite3");
        List<ArchivedMessage> stored = messages(50, 100);
        try (ArchiveDriver driver = open(url)) {
            stored.forEach(driver::put);
        }
        try (ArchiveDriver reopened = open(url)) {
            assertEquals(50, reopened.count());
            assertEquals(stored, reopened.find(ArchiveQuery.builder().limit(100).build()));
            assertFalse(reopened.put(stored.getFirst()), "still known after the reopen");
        }
    }

    @Test
    void aRelativePathIsResolvedAgainstTheWorkingDirectoryAndItsFoldersAreCreated() {
        Path target = folder.resolve("a/b/store.sqlite3");
        Path relative = Path.of("").toAbsolutePath().relativize(target);
        assertFalse(relative.isAbsolute());
        try (ArchiveDriver driver = open("sqlite://" + relative)) {
            driver.put(messages(1, 10).getFirst());
        }
        assertTrue(Files.isRegularFile(target));
    }

    @Test
    void urlsWithoutAUsableFileAreRefused() {
        assertEquals("invalid sqlite archive URL 'sqlite://': it names no file, e.g. sqlite://store.sqlite3",
                assertThrows(ArchiveException.class, () -> open("sqlite://")).getMessage());
        assertEquals("invalid sqlite archive URL 'sqlite://:memory:': an in-memory SQLite archive is not supported;"
                        + " use memory:// instead",
                assertThrows(ArchiveException.class, () -> open("sqlite://:memory:")).getMessage());
        assertEquals("invalid sqlite archive URL 'sqlite://store.sqlite3?mode=ro': the sqlite driver takes no"
                        + " parameters and file names may not contain '?'",
                assertThrows(ArchiveException.class, () -> open("sqlite://store.sqlite3?mode=ro")).getMessage());
    }

    @Test
    void aFolderWhereTheFileShouldBeIsAClearError() throws Exception {
        Path taken = Files.createDirectories(folder.resolve("store.sqlite3"));
        ArchiveException error = assertThrows(ArchiveException.class, () -> open("sqlite://" + taken));
        assertTrue(error.getMessage().startsWith("sqlite archive " + taken + ": cannot open it: the file cannot be"
                + " opened; check that the path is a file and its folder is writable"), error.getMessage());
    }

    @Test
    void callsAfterCloseNameTheFile() {
        Path file = folder.resolve("store.sqlite3");
        ArchiveDriver driver = open("sqlite://" + file);
        driver.close();
        assertEquals("sqlite archive " + file + ": the archive is closed",
                assertThrows(ArchiveException.class, driver::count).getMessage());
    }

    @Test
    void anInvertedTimeRangeFindsNothing() {
        try (ArchiveDriver driver = open("sqlite://" + folder.resolve("store.sqlite3"))) {
            messages(5, 10).forEach(driver::put);
            assertEquals(List.of(), driver.find(ArchiveQuery.builder().timeStart(T0 + 3).timeEnd(T0 + 2).build()));
        }
    }

    @Test
    void deletionsRunInChunksShrinkTheSizeAndReclaimingGivesTheSpaceBack() throws Exception {
        Path file = folder.resolve("store.sqlite3");
        int count = 2 * SqliteArchiveDriver.CHUNK + 500;
        try (ArchiveDriver driver = open("sqlite://" + file)) {
            messages(count, 400).forEach(driver::put);
            long fullSize = driver.sizeInBytes();

            assertEquals(count - 100, driver.deleteOldest(count - 100), "more than one chunk");
            assertEquals(100, driver.count());
            assertTrue(driver.sizeInBytes() < fullSize / 10, driver.sizeInBytes() + " of " + fullSize);

            driver.reclaimSpace();
            assertEquals(0, freePages(file));
            assertTrue(Files.size(file) < fullSize / 5, Files.size(file) + " bytes on disk, " + fullSize + " before");
            assertEquals(100, driver.count());
            assertEquals(100, driver.deleteOlderThan(Long.MAX_VALUE));
        }
    }

    private static long freePages(Path file) throws SQLException {
        try (CachingConnection connection = new CachingConnection(ArchiveFile.openReader(file))) {
            return connection.queryLong("PRAGMA freelist_count");
        }
    }
}
