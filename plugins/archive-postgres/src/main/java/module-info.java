/**
 * The PostgreSQL archive driver, selected by {@code --store-message-db-url=postgres://user:password@host:port/database}
 * (or {@code postgresql://}). Messages live in hourly partitions, so that time retention drops whole tables;
 * see docs/adr/0013-archive-postgres.md.
 */
module io.logos.delivery.plugin.archive.postgres {
    requires io.logos.delivery.spi.kernel;
    requires java.sql;
    requires org.postgresql.jdbc;

    provides io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory
            with io.logos.delivery.plugin.archive.postgres.PostgresArchiveDriverFactory,
                    io.logos.delivery.plugin.archive.postgres.PostgresqlArchiveDriverFactory;
}
