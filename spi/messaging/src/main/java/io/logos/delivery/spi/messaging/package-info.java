/**
 * The messaging SPI: {@link io.logos.delivery.spi.messaging.SendProcessorFactory send strategies} (relay, light
 * push, …) that plugins provide to the delivery service of a messaging API.
 */
package io.logos.delivery.spi.messaging;
