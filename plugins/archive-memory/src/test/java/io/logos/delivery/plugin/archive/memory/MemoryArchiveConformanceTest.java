package io.logos.delivery.plugin.archive.memory;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.testkit.archive.ArchiveDriverConformance;

/** The memory driver passes the archive driver contract. */
class MemoryArchiveConformanceTest extends ArchiveDriverConformance {

    @Override
    protected ArchiveDriver openEmptyDriver() {
        return new MemoryArchiveDriverFactory().create(new ArchiveDriverConfig("memory://", 1));
    }
}
