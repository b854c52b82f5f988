package io.logos.delivery.plugin.archive.memory;

import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import io.logos.delivery.spi.kernel.archive.ArchiveException;
/**
 * Opens {@link MemoryArchiveDriver}s for {@code memory://} URLs. The bound is set by
 * {@code memory://?capacity=N} (default {@value #DEFAULT_CAPACITY} messages, nwaku's default capacity).
 */
public final class MemoryArchiveDriverFactory implements ArchiveDriverFactory {

    public static final int DEFAULT_CAPACITY = 25_000;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public ArchiveDriver create(ArchiveDriverConfig config) {
        return new MemoryArchiveDriver(capacity(config));
    }

    private static int capacity(ArchiveDriverConfig config) {
        String url = config.url();
        String location = config.location();
        if (location.isEmpty()) {
            return DEFAULT_CAPACITY;
        }
        String query = location.startsWith("?") ? location.substring(1) : "";
        if (!query.startsWith("capacity=") || query.indexOf('&') >= 0) {
            throw new ArchiveException("invalid memory archive URL '" + url
                    + "': the only parameter is capacity, e.g. memory://?capacity=25000");
        }
        String value = query.substring("capacity=".length());
        try {
            int capacity = Integer.parseInt(value);
            if (capacity < 1) {
                throw new NumberFormatException();
            }
            return capacity;
        } catch (NumberFormatException e) {
            throw new ArchiveException("invalid memory archive URL '" + url + "': capacity '" + value
                    + "' is not a positive number");
        }
    }
}
