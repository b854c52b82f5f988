/**
 * A bounded in-memory archive driver, selected by {@code --store-message-db-url=memory://}. For tests,
 * development and short-lived nodes: nothing survives a restart.
 */
module io.logos.delivery.plugin.archive.memory {
    requires io.logos.delivery.spi.kernel;

    provides io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory
            with io.logos.delivery.plugin.archive.memory.MemoryArchiveDriverFactory;
}
