package io.logos.delivery.plugin.archive.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The plugin is found through its {@code provides} clause: named modules ignore META-INF/services. */
class PostgresArchiveModulePathTest {

    @Test
    void runsAsANamedModule() {
        Module module = PostgresArchiveDriverFactory.class.getModule();
        assertTrue(module.isNamed(), "tests must run on the module path");
        assertEquals("io.logos.delivery.plugin.archive.postgres", module.getName());
    }

    @Test
    void serviceLoaderFindsAFactoryForBothSchemes() {
        Module module = getClass().getModule();
        module.addUses(ArchiveDriverFactory.class);
        Set<ArchiveDriverFactory> factories = ServiceLoader.load(module.getLayer(), ArchiveDriverFactory.class)
                .stream().map(ServiceLoader.Provider::get).collect(Collectors.toSet());
        assertEquals(Set.of("postgres", "postgresql"),
                factories.stream().map(ArchiveDriverFactory::name).collect(Collectors.toSet()));
        factories.forEach(factory -> assertEquals(ArchiveDriverFactory.SPI_VERSION, factory.spiVersion()));
        assertTrue(module.getDescriptor().provides().stream()
                .anyMatch(p -> p.service().equals(ArchiveDriverFactory.class.getName())));
    }
}
