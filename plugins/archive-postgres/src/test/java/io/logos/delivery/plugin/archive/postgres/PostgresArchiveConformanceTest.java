package io.logos.delivery.plugin.archive.postgres;

import io.logos.delivery.plugin.archive.postgres.testing.PostgresServerExtension;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.testkit.archive.ArchiveDriverConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The PostgreSQL driver passes the archive driver contract against a real server, in a fresh schema per test. */
class PostgresArchiveConformanceTest extends ArchiveDriverConformance {

    @RegisterExtension
    static final PostgresServerExtension POSTGRES = new PostgresServerExtension();

    @Override
    protected ArchiveDriver openEmptyDriver() throws Exception {
        return new PostgresArchiveDriverFactory().create(new ArchiveDriverConfig(POSTGRES.freshSchemaUrl(), 4));
    }
}
