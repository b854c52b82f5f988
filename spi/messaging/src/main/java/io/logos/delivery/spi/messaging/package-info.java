/**
 * The messaging SPI (will hold SendProcessor and its named, versioned factory): send strategies such as relay and lightpush that plugins provide to the delivery service.
 */
package io.logos.delivery.spi.messaging;
