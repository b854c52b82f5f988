package io.logos.delivery.kernel.testing;

import io.logos.delivery.plugin.archive.memory.MemoryArchiveDriverFactory;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;

/** Opens the in-memory archive driver plugin ({@code memory://}), the driver that passes the conformance suite. */
public final class MemoryArchives {

    private MemoryArchives() {
    }

    public static ArchiveDriver open() {
        return new MemoryArchiveDriverFactory().create(new ArchiveDriverConfig("memory://", 1));
    }
}
