package io.logos.delivery.app.plugin;

import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import io.logos.delivery.spi.messaging.SendProcessorFactory;
import java.util.List;

/** The SPIs a node loads plugins for. Each needs a {@code uses} clause in this module's descriptor. */
public final class NodeSpis {

    public static final SpiType<ArchiveDriverFactory> ARCHIVE_DRIVER = new SpiType<>("archive-driver",
            ArchiveDriverFactory.class, ArchiveDriverFactory.SPI_VERSION, ArchiveDriverFactory::name,
            ArchiveDriverFactory::spiVersion);

    public static final SpiType<SendProcessorFactory> SEND_PROCESSOR = new SpiType<>("send-processor",
            SendProcessorFactory.class, SendProcessorFactory.SPI_VERSION, SendProcessorFactory::name,
            SendProcessorFactory::spiVersion);

    public static final List<SpiType<?>> ALL = List.of(ARCHIVE_DRIVER, SEND_PROCESSOR);

    private NodeSpis() {
    }
}
