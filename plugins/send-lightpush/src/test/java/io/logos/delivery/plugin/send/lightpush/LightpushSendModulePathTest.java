package io.logos.delivery.plugin.send.lightpush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.spi.messaging.SendProcessorFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin is found through its {@code provides} clause: named modules ignore META-INF/services. */
class LightpushSendModulePathTest {

    @Test
    void runsAsANamedModule() {
        Module module = LightpushSendProcessorFactory.class.getModule();
        assertTrue(module.isNamed(), "tests must run on the module path");
        assertEquals("io.logos.delivery.plugin.send.lightpush", module.getName());
    }

    @Test
    void serviceLoaderFindsTheFactoryThroughProvides() {
        Module module = getClass().getModule();
        module.addUses(SendProcessorFactory.class);
        List<SendProcessorFactory> factories = ServiceLoader.load(module.getLayer(), SendProcessorFactory.class)
                .stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(1, factories.size(), "factories: " + factories);
        SendProcessorFactory factory = factories.getFirst();
        assertEquals("lightpush", factory.name());
        assertEquals(SendProcessorFactory.SPI_VERSION, factory.spiVersion());
        assertEquals(200, factory.priority());
    }
}
