package io.logos.delivery.plugin.archive.sqlite;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.testkit.archive.ArchiveDriverConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite driver passes the archive driver contract, on a fresh file per test. */
class SqliteArchiveConformanceTest extends ArchiveDriverConformance {

    @TempDir
    Path folder;

    @Override
    protected ArchiveDriver openEmptyDriver() {
        return new SqliteArchiveDriverFactory().create(
                new ArchiveDriverConfig("sqlite://" + folder.resolve("store.sqlite3"), 4));
    }
}
