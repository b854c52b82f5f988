/** The messaging SPI: send strategies (relay, light push, …) that plugins provide to the delivery service. */
module io.logos.delivery.spi.messaging {
    requires transitive io.logos.delivery.api.messaging;

    exports io.logos.delivery.spi.messaging;
}
