/** The messaging SPI (will hold SendProcessor and its named, versioned factory): send strategies such as relay and lightpush that plugins provide to the delivery service. */
module io.logos.delivery.spi.messaging {
    requires transitive io.logos.delivery.api.messaging;
    // exports io.logos.delivery.spi.messaging once it holds its first type (javac refuses to export an empty package)
}
