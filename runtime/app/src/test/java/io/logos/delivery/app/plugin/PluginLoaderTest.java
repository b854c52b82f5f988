package io.logos.delivery.app.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path plugins;

    private final PluginLoader loader = new PluginLoader(NodeSpis.ALL);

    private List<InstalledPlugin<?>> fromFolder(PluginRegistry registry) {
        return registry.all().stream().filter(p -> p.location().startsWith(plugins.toString())).toList();
    }

    @Test
    void findsTheMemoryArchivePluginJarDroppedIntoThePluginsFolder() throws IOException {
        Path jar = Files.copy(TestPluginJars.memoryPluginJar(), plugins.resolve("archive-memory.jar"));

        InstalledPlugin<?> memory = fromFolder(loader.load(plugins)).getFirst();

        assertEquals("memory", memory.name());
        assertEquals(NodeSpis.ARCHIVE_DRIVER, memory.spi());
        assertEquals(jar.toString(), memory.location());
        assertTrue(memory.version().matches("\\d+\\.\\d+\\.\\d+.*"), memory.version());
        assertTrue(memory.factory() instanceof ArchiveDriverFactory);
    }

    @Test
    void findsAPluginBuiltAtTestTimeWithItsModuleVersion() throws IOException {
        Path jar = TestPluginJars.archivePlugin(plugins, "com.example.archive", "example", ArchiveDriverFactory.SPI_VERSION,
                "9.8.7");

        PluginRegistry registry = loader.load(plugins);

        InstalledPlugin<?> example = fromFolder(registry).getFirst();
        assertEquals("example", example.name());
        assertEquals("9.8.7", example.version());
        assertEquals(jar.toString(), example.location());
        assertTrue(registry.factories(NodeSpis.ARCHIVE_DRIVER).containsKey("example"));
    }

    @Test
    void aPluginForAnotherSpiVersionFailsNamingItsJar() throws IOException {
        Path jar = TestPluginJars.archivePlugin(plugins, "com.example.future", "future",
                ArchiveDriverFactory.SPI_VERSION + 1, "2.0.0");

        PluginLoadException error = assertThrows(PluginLoadException.class, () -> loader.load(plugins));

        assertEquals("plugin " + jar + " provides archive-driver 'future' for SPI version "
                + (ArchiveDriverFactory.SPI_VERSION + 1) + ", but this node implements version "
                + ArchiveDriverFactory.SPI_VERSION, error.getMessage());
    }

    @Test
    void twoPluginsWithOneNameFailNamingBothJars() throws IOException {
        Path first = TestPluginJars.archivePlugin(plugins, "com.example.one", "same", ArchiveDriverFactory.SPI_VERSION, "1.0");
        Path second = TestPluginJars.archivePlugin(plugins, "com.example.two", "same", ArchiveDriverFactory.SPI_VERSION, "1.0");

        PluginLoadException error = assertThrows(PluginLoadException.class, () -> loader.load(plugins));

        assertTrue(error.getMessage().contains(first.toString()) && error.getMessage().contains(second.toString()),
                error.getMessage());
    }

    @Test
    void aJarThatIsNoModuleFailsNamingIt() throws IOException {
        Path broken = Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});

        PluginLoadException error = assertThrows(PluginLoadException.class, () -> loader.load(plugins));

        assertTrue(error.getMessage().startsWith("plugin jar " + broken), error.getMessage());
    }

    @Test
    void aMissingPluginsFolderMeansNoExtraPlugins() {
        PluginRegistry registry = loader.load(plugins.resolve("absent"));

        assertTrue(fromFolder(registry).isEmpty());
    }
}
