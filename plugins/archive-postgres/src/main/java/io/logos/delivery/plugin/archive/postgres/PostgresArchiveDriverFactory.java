package io.logos.delivery.plugin.archive.postgres;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;

/**
 * Opens PostgreSQL archives for {@code postgres://user:password@host[:port]/database[?name=value&...]} URLs, nwaku's
 * form (see {@link PostgresUrl}). The pool holds at most {@code --store-max-num-db-connections} connections, opened
 * as they are needed. Opening connects, so an unreachable server fails the node's start with one line naming it.
 */
public class PostgresArchiveDriverFactory implements ArchiveDriverFactory {

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public ArchiveDriver create(ArchiveDriverConfig config) {
        return PostgresArchiveDriver.open(PostgresUrl.parse(config), config.maxConnections());
    }
}
