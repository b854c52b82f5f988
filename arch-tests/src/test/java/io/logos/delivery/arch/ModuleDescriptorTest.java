package io.logos.delivery.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every jar the project builds is a named JPMS module with its own descriptor, not an automatic module. */
class ModuleDescriptorTest {

    private static final Set<String> EXPECTED = Set.of("io.logos.delivery.api.kernel", "io.logos.delivery.api.messaging",
            "io.logos.delivery.api.channels", "io.logos.delivery.spi.kernel", "io.logos.delivery.spi.messaging",
            "io.logos.delivery.spi.channels", "io.logos.delivery.libp2p", "io.logos.delivery.kernel",
            "io.logos.delivery.messaging", "io.logos.delivery.channels", "io.logos.delivery.app",
            "io.logos.delivery.plugin.archive.memory", "io.logos.delivery.plugin.archive.sqlite",
            "io.logos.delivery.plugin.archive.postgres", "io.logos.delivery.plugin.send.relay",
            "io.logos.delivery.plugin.send.lightpush",
            "io.logos.delivery.testkit.archive", "io.logos.delivery.testkit.postgres", "io.logos.delivery.testkit.time");

    @Test
    void everyProjectJarDeclaresItsModule() {
        List<ModuleDescriptor> descriptors = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("logos-delivery-"))
                .map(entry -> ModuleFinder.of(Path.of(entry)).findAll())
                .flatMap(Set::stream)
                .map(ModuleReference::descriptor)
                .toList();

        for (ModuleDescriptor descriptor : descriptors) {
            assertFalse(descriptor.isAutomatic(), descriptor.name() + " has no module-info.java");
            assertTrue(descriptor.rawVersion().isPresent(), descriptor.name() + " carries no module version");
        }
        assertEquals(EXPECTED, descriptors.stream().map(ModuleDescriptor::name).collect(Collectors.toSet()));
    }
}
