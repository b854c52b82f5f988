package io.logos.delivery.plugin.archive.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin is found through its {@code provides} clause: named modules ignore META-INF/services. */
class MemoryArchiveModulePathTest {

    @Test
    void runsAsANamedModule() {
        Module module = MemoryArchiveDriverFactory.class.getModule();
        assertTrue(module.isNamed(), "tests must run on the module path");
        assertEquals("io.logos.delivery.plugin.archive.memory", module.getName());
    }

    @Test
    void serviceLoaderFindsTheFactoryThroughProvides() {
        Module module = getClass().getModule();
        module.addUses(ArchiveDriverFactory.class);
        List<ArchiveDriverFactory> factories = ServiceLoader.load(module.getLayer(), ArchiveDriverFactory.class)
                .stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(1, factories.size(), "factories: " + factories);
        assertEquals("memory", factories.getFirst().name());
        assertEquals(ArchiveDriverFactory.SPI_VERSION, factories.getFirst().spiVersion());
        assertTrue(module.getDescriptor().provides().stream()
                .anyMatch(p -> p.service().equals(ArchiveDriverFactory.class.getName())));
    }
}
