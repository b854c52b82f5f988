/**
 * The kernel SPI: what plugins implement for a kernel node. Depends on the kernel API only.
 */
module io.logos.delivery.spi.kernel {
    requires transitive io.logos.delivery.api.kernel;

    exports io.logos.delivery.spi.kernel.archive;
}
