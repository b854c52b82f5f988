/**
 * The archive driver conformance suite: the {@code ArchiveDriver} SPI's contract as JUnit tests, for driver
 * plugins to run in their own builds.
 */
module io.logos.delivery.testkit.archive {
    requires transitive io.logos.delivery.spi.kernel;
    requires transitive org.junit.jupiter.api;

    exports io.logos.delivery.testkit.archive;
}
