/**
 * The archive driver SPI: where a store node keeps messages. A driver is found by
 * {@link java.util.ServiceLoader} as an {@link io.logos.delivery.spi.kernel.archive.ArchiveDriverFactory}
 * and chosen by the scheme of {@code --store-message-db-url}.
 */
package io.logos.delivery.spi.kernel.archive;
