package io.logos.delivery.app.plugin;

import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import java.util.List;

/** The SPIs a node loads plugins for. Each needs a {@code uses} clause in this module's descriptor. */
public final class NodeSpis {

    public static final SpiType<ArchiveDriverFactory> ARCHIVE_DRIVER = new SpiType<>("archive-driver",
            ArchiveDriverFactory.class, ArchiveDriverFactory.SPI_VERSION, ArchiveDriverFactory::name,
            ArchiveDriverFactory::spiVersion);

    public static final List<SpiType<?>> ALL = List.of(ARCHIVE_DRIVER);

    private NodeSpis() {
    }
}
