package io.logos.delivery.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.api.kernel.MessageSizeLimit;
import io.logos.delivery.api.kernel.PubsubTopic;
import io.logos.delivery.api.kernel.WakuMessage;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.app.plugin.NodeSpis;
import io.logos.delivery.app.plugin.PluginLoader;
import io.logos.delivery.app.plugin.PluginRegistry;
import io.logos.delivery.app.plugin.TestPluginJars;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
import io.logos.delivery.spi.kernel.archive.ArchivedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogosDeliveryTest {

    @TempDir
    Path plugins;

    private PluginRegistry registry;

    @BeforeEach
    void installPlugins() throws IOException {
        Files.copy(TestPluginJars.memoryPluginJar(), plugins.resolve("archive-memory.jar"));
        TestPluginJars.archivePlugin(plugins, "com.example.failing", "failing", ArchiveDriverFactory.SPI_VERSION, "1.0");
        registry = new PluginLoader(NodeSpis.ALL).load(plugins);
    }

    private NodeConfig config(boolean store, String url) {
        return new NodeConfig(0, MessageSizeLimit.DEFAULT, store, url, 5, plugins);
    }

    @Test
    void opensTheArchiveChosenByTheUrlSchemeAndClosesItOnStop() {
        LogosDelivery node = LogosDelivery.start(config(true, "memory://?capacity=10"), registry);
        ArchiveDriver archive = node.archive().orElseThrow();
        WakuMessage message = WakuMessage.builder().contentTopic("/app/1/chat/proto").timestamp(1).build();
        assertTrue(archive.put(ArchivedMessage.of(PubsubTopic.DEFAULT, message)));
        assertEquals(1, archive.count());

        node.stop();
        node.stop();

        assertThrows(ArchiveException.class, archive::count, "the archive is closed by stop");
    }

    @Test
    void runsWithoutAnArchiveWhenStoreIsOff() {
        try (LogosDelivery node = LogosDelivery.start(config(false, "nonsense://"), registry)) {
            assertFalse(node.archive().isPresent());
        }
    }

    @Test
    void anUnknownSchemeIsAnErrorListingTheInstalledDrivers() {
        NodeStartException error = assertThrows(NodeStartException.class,
                () -> LogosDelivery.start(config(true, "sqlite://store.sqlite3"), registry));
        assertEquals("no archive driver for scheme 'sqlite' in --store-message-db-url=sqlite://store.sqlite3;"
                + " installed: failing, memory", error.getMessage());
    }

    @Test
    void aDriverThatCannotOpenStopsTheStartWithItsReason() {
        NodeStartException error = assertThrows(NodeStartException.class,
                () -> LogosDelivery.start(config(true, "failing://somewhere"), registry));
        assertEquals("test driver cannot open failing://somewhere", error.getMessage());
    }
}
