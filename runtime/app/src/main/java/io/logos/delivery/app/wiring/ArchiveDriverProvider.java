package io.logos.delivery.app.wiring;

import io.logos.delivery.app.config.InvalidConfigurationException;
import io.logos.delivery.app.config.NodeConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriver;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverConfig;
import io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Map;

/** Opens the archive driver named by the scheme of {@code --store-message-db-url}. */
final class ArchiveDriverProvider implements Provider<ArchiveDriver> {

    private final Map<String, ArchiveDriverFactory> factories;
    private final NodeConfig config;

    @Inject
    ArchiveDriverProvider(Map<String, ArchiveDriverFactory> factories, NodeConfig config) {
        this.factories = factories;
        this.config = config;
    }

    @Override
    public ArchiveDriver get() {
        ArchiveDriverConfig driverConfig = config.archiveDriverConfig();
        ArchiveDriverFactory factory = factories.get(driverConfig.scheme());
        if (factory == null) {
            throw new InvalidConfigurationException("no archive driver for scheme '" + driverConfig.scheme()
                    + "' in --store-message-db-url=" + driverConfig.url() + "; installed: "
                    + (factories.isEmpty() ? "none" : String.join(", ", factories.keySet())));
        }
        return factory.create(driverConfig);
    }
}
