/**
 * The SQLite archive driver, selected by {@code --store-message-db-url=sqlite://<path>}: one database
 * file in WAL mode that survives restarts and process crashes (ADR 0012).
 */
module io.logos.delivery.plugin.archive.sqlite {
    requires io.logos.delivery.spi.kernel;
    requires org.xerial.sqlitejdbc;

    provides io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory
            with io.logos.delivery.plugin.archive.sqlite.SqliteArchiveDriverFactory;
}
