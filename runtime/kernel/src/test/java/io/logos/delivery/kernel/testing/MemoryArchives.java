package io.logos.delivery.kernel.testing;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;

/** Opens the in-memory archive driver plugin ({@code memory://}), the driver that passes the conformance suite. */
public final class MemoryArchives {

    private static final String FACTORY = "io.logos.delivery.plugin.archive.memory.MemoryArchiveDriverFactory";

    private MemoryArchives() {
    }

    public static ArchiveDriver open() {
        // Nothing the kernel requires needs the plugin, so surefire puts it on the class path, where its
        // provides clause is not read: the factory is made by name (reflection reads the unnamed module).
        try {
            ArchiveDriverFactory factory = (ArchiveDriverFactory) Class.forName(FACTORY).getConstructor().newInstance();
            return factory.create(new ArchiveDriverConfig("memory://", 1));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the memory archive plugin is not on the test class path", e);
        }
    }
}
