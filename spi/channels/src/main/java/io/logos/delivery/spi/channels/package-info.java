/**
 * The channels SPI (will hold EncryptionProvider and its named, versioned factory): the encrypt/decrypt hook that plugins provide to reliable channels.
 */
package io.logos.delivery.spi.channels;
