/**
 * The implementation of the messaging API: the delivery service a MessagingApi owns. Knows the kernel through
 * its API only; builds kernel nodes through the kernel's {@code WakuNodeFactory}.
 */
module io.logos.delivery.messaging {
    requires transitive io.logos.delivery.api.messaging;
    requires transitive io.logos.delivery.spi.messaging;
    requires org.slf4j;

    exports io.logos.delivery.messaging;

    uses io.logos.delivery.spi.messaging.SendProcessorFactory;
    provides io.logos.delivery.api.messaging.MessagingApiProvider
            with io.logos.delivery.messaging.DefaultMessagingApiProvider;
}
