package io.logos.delivery.plugin.archive.sqlite;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Opens {@link SqliteArchiveDriver}s for {@code sqlite://<path>} URLs, e.g. {@code sqlite://store.sqlite3}
 * (relative to the working directory, as in nwaku) or {@code sqlite:///var/lib/waku/store.sqlite3}. Missing
 * folders are created. Of {@code maxConnections}, one connection writes and the rest (at least one) read.
 */
public final class SqliteArchiveDriverFactory implements ArchiveDriverFactory {

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public ArchiveDriver create(ArchiveDriverConfig config) {
        return SqliteArchiveDriver.open(file(config), Math.max(1, config.maxConnections() - 1));
    }

    private static Path file(ArchiveDriverConfig config) {
        String location = config.location();
        if (location.isEmpty()) {
            throw invalid(config, "it names no file, e.g. sqlite://store.sqlite3");
        }
        if (location.equals(":memory:")) {
            throw invalid(config, "an in-memory SQLite archive is not supported; use memory:// instead");
        }
        // sqlite-jdbc reads everything after '?' as connection parameters, so the file name would be cut there
        if (location.indexOf('?') >= 0) {
            throw invalid(config, "the sqlite driver takes no parameters and file names may not contain '?'");
        }
        try {
            return Path.of(location).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid(config, e.getMessage());
        }
    }

    private static ArchiveException invalid(ArchiveDriverConfig config, String reason) {
        return new ArchiveException("invalid sqlite archive URL '" + config.url() + "': " + reason);
    }
}
