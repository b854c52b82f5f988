package io.logos.delivery.spi.kernel.archive;

/**
 * Makes {@link ArchiveDriver}s for one URL scheme. Plugins provide implementations with
 * {@code provides io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory with ...} in their
 * {@code module-info.java}; the node picks the factory whose {@link #name()} equals the scheme of
 * {@code --store-message-db-url}.
 */
public interface ArchiveDriverFactory {

    /**
     * The version of this SPI. A factory reports the version it was compiled against in
     * {@link #spiVersion()}; the node refuses factories of another version at load time.
     */
    int SPI_VERSION = 1;

    /** The URL scheme this factory serves, e.g. {@code memory}, {@code sqlite}, {@code postgres}. */
    String name();

    /** The SPI version this factory implements; return {@link #SPI_VERSION}. */
    int spiVersion();

    /**
     * Opens a driver. May block (opening files, connecting to a database, running migrations).
     *
     * @throws ArchiveException when the store cannot be opened, with a message an operator can act on
     */
    ArchiveDriver create(ArchiveDriverConfig config);
}
