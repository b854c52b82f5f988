package io.logos.delivery.kernel.testing;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import java.util.ServiceLoader;

/**
 * Opens the in-memory archive driver plugin ({@code memory://}), the driver that passes the conformance suite. Found
 * as a node finds it, through its {@code provides} clause: the kernel module does not read plugin modules.
 */
public final class MemoryArchives {

    private MemoryArchives() {
    }

    public static ArchiveDriver open() {
        return ServiceLoader.load(ArchiveDriverFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(factory -> factory.name().equals("memory")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the archive-memory plugin is not on the module path"))
                .create(new ArchiveDriverConfig("memory://", 1));
    }
}
