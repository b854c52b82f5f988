package io.logos.delivery.plugin.archive.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin is found through its {@code provides} clause: named modules ignore META-INF/services. */
class SqliteArchiveModulePathTest {

    @Test
    void runsAsANamedModuleBesideTheSqliteJdbcModule() {
        assertEquals("io.logos.delivery.plugin.archive.sqlite", SqliteArchiveDriverFactory.class.getModule().getName());
        assertEquals("org.xerial.sqlitejdbc", org.sqlite.SQLiteConfig.class.getModule().getName(),
                "tests must run on the module path");
    }

    @Test
    void serviceLoaderFindsTheFactoryThroughProvides() {
        Module module = getClass().getModule();
        module.addUses(ArchiveDriverFactory.class);
        List<ArchiveDriverFactory> factories = ServiceLoader.load(module.getLayer(), ArchiveDriverFactory.class)
                .stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(1, factories.size(), "factories: " + factories);
        assertEquals("sqlite", factories.getFirst().name());
        assertEquals(ArchiveDriverFactory.SPI_VERSION, factories.getFirst().spiVersion());
        assertTrue(module.getDescriptor().provides().stream()
                .anyMatch(p -> p.service().equals(ArchiveDriverFactory.class.getName())));
    }
}
