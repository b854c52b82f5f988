/**
 * The implementation of the messaging API: the delivery service a MessagingApi owns.
 */
module io.logos.delivery.messaging {
    requires io.logos.delivery.api.messaging;
    requires io.logos.delivery.spi.messaging;
}
