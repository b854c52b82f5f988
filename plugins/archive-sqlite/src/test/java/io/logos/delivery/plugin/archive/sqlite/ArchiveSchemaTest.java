package io.logos.delivery.plugin.archive.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchiveQuery;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file is created at the latest schema, upgraded step by step, and refused when it is not ours or too new. */
class ArchiveSchemaTest {

    private static final Migration FIRST = ArchiveSchema.MIGRATIONS.getFirst();
    private static final ArchivedMessage MESSAGE = ArchivedMessage.of(PubsubTopic.of("/waku/2/rs/1/0"),
            WakuMessage.builder().contentTopic("/app/1/chat/proto").timestamp(42).build());

    @TempDir
    Path folder;

    private Path file() {
        return folder.resolve("store.sqlite3");
    }

    private <T> T raw(CachingConnection.SqlWork<T> work) throws SQLException {
        try (CachingConnection connection = new CachingConnection(ArchiveFile.openWriter(file()))) {
            return work.apply(connection);
        }
    }

    @Test
    void aNewFileGetsTheLatestSchemaInWalModeWithIncrementalVacuum() throws SQLException {
        SqliteArchiveDriver.open(file(), 1).close();
        raw(c -> {
            assertEquals(ArchiveSchema.CURRENT.latestVersion(), c.queryLong("PRAGMA user_version"));
            assertEquals(ArchiveSchema.APPLICATION_ID, c.queryLong("PRAGMA application_id"));
            assertEquals("wal", c.queryText("PRAGMA journal_mode"));
            assertEquals(2, c.queryLong("PRAGMA auto_vacuum"), "incremental");
            assertEquals(3, c.queryLong("SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                    + " AND name IN ('i_hash', 'i_ts', 'i_content_ts')"));
            return null;
        });
    }

    @Test
    void anOlderFileIsUpgradedOnceAndKeepsItsMessages() throws SQLException {
        try (SqliteArchiveDriver driver = SqliteArchiveDriver.open(file(), 1, new ArchiveSchema(List.of(FIRST)))) {
            driver.put(MESSAGE);
        }
        ArchiveSchema upgraded = new ArchiveSchema(List.of(FIRST, new Migration(2, List.of(
                "CREATE TABLE Upgrades (step INTEGER)", "INSERT INTO Upgrades VALUES (2)"))));
        for (int reopen = 0; reopen < 2; reopen++) {
            try (SqliteArchiveDriver driver = SqliteArchiveDriver.open(file(), 1, upgraded)) {
                assertEquals(List.of(MESSAGE), driver.find(ArchiveQuery.builder().build()));
            }
        }
        raw(c -> {
            assertEquals(2, c.queryLong("PRAGMA user_version"));
            assertEquals(1, c.queryLong("SELECT count(*) FROM Upgrades"), "a step runs once");
            return null;
        });
    }

    @Test
    void aFailingStepChangesNothing() throws SQLException {
        SqliteArchiveDriver.open(file(), 1, new ArchiveSchema(List.of(FIRST))).close();
        ArchiveSchema broken = new ArchiveSchema(List.of(FIRST, new Migration(2, List.of(
                "CREATE TABLE Half (x INTEGER)", "THIS IS NOT SQL"))));
        ArchiveException error =
                assertThrows(ArchiveException.class, () -> SqliteArchiveDriver.open(file(), 1, broken));
        assertTrue(error.getMessage().startsWith("sqlite archive " + file() + ": cannot open it: "),
                error.getMessage());
        raw(c -> {
            assertEquals(1, c.queryLong("PRAGMA user_version"));
            assertEquals(0, c.queryLong("SELECT count(*) FROM sqlite_schema WHERE name = 'Half'"));
            return null;
        });
    }

    @Test
    void aFileOfANewerReleaseIsRefusedNamingTheFileAndBothVersions() throws SQLException {
        SqliteArchiveDriver.open(file(), 1).close();
        raw(c -> {
            c.execute("PRAGMA user_version = 7");
            return null;
        });
        ArchiveException error = assertThrows(ArchiveException.class, () -> open("sqlite://" + file()));
        assertEquals("sqlite archive " + file() + ": schema version 7 is newer than the latest this driver knows ("
                + ArchiveSchema.CURRENT.latestVersion() + "): the file was written by a newer release;"
                + " run that release or use another file", error.getMessage());
    }

    @Test
    void anNwakuArchiveIsRefusedAndLeftAlone() throws SQLException {
        raw(c -> {
            c.execute("CREATE TABLE Message (messageHash BLOB NOT NULL PRIMARY KEY, pubsubTopic BLOB NOT NULL,"
                    + " contentTopic BLOB NOT NULL, payload BLOB, version INTEGER NOT NULL, timestamp INTEGER NOT NULL,"
                    + " meta BLOB) WITHOUT ROWID");
            c.execute("PRAGMA user_version = 10");
            return null;
        });
        ArchiveException error = assertThrows(ArchiveException.class, () -> open("sqlite://" + file()));
        assertEquals("sqlite archive " + file() + ": the file is an SQLite database but not a logos-delivery archive"
                + " (application_id 0, user_version 10); it looks like an nwaku archive, which this driver does not"
                + " read; use another file", error.getMessage());
        long version = raw(c -> c.queryLong("PRAGMA user_version"));
        assertEquals(10, version, "left as it was");
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedWithoutBeingTouched() throws Exception {
        String text = "peer list, not a database\n".repeat(200);
        Files.writeString(file(), text);
        ArchiveException error = assertThrows(ArchiveException.class, () -> open("sqlite://" + file()));
        assertEquals("sqlite archive " + file() + ": cannot open it: the file is not an SQLite database",
                error.getMessage());
        assertEquals(text, Files.readString(file()));
    }

    private static void open(String url) {
        new SqliteArchiveDriverFactory().create(new ArchiveDriverConfig(url, 2)).close();
    }
}
