/**
 * The implementation of reliable channels over the messaging API.
 */
module io.logos.delivery.channels {
    requires io.logos.delivery.api.channels;
    requires io.logos.delivery.spi.channels;
}
