package io.logos.delivery.plugin.archive.postgres;

/** The same driver for {@code postgresql://} URLs, the scheme libpq and most tools write. */
public final class PostgresqlArchiveDriverFactory extends PostgresArchiveDriverFactory {

    @Override
    public String name() {
        return "postgresql";
    }
}
