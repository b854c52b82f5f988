/** The channels SPI (will hold EncryptionProvider and its named, versioned factory): the encrypt/decrypt hook that plugins provide to reliable channels. */
module io.logos.delivery.spi.channels {
    requires transitive io.logos.delivery.api.channels;
    // exports io.logos.delivery.spi.channels once it holds its first type (javac refuses to export an empty package)
}
