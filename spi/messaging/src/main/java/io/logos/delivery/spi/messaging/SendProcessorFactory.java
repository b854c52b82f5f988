package io.logos.delivery.spi.messaging;

import io.logos.delivery.api.kernel.node.WakuNode;
import java.util.Optional;

/**
 * Makes the {@link SendProcessor} of one send strategy (relay, light push, …). Plugins provide implementations with
 * {@code provides io.logos.delivery.spi.messaging.SendProcessorFactory with ...}; the delivery service tries the
 * processors of a message in {@link #priority()} order, lowest first.
 */
public interface SendProcessorFactory {

    /** The version of this SPI; factories of another version are refused at load time. */
    int SPI_VERSION = 1;

    /** The strategy's name, e.g. {@code relay}, {@code lightpush}. */
    String name();

    /** The SPI version this factory implements; return {@link #SPI_VERSION}. */
    int spiVersion();

    /** Where the strategy stands in the chain: lower is tried first (relay 100, light push 200). */
    int priority();

    /** A processor sending through {@code node}, or empty when the node lacks what the strategy needs. */
    Optional<SendProcessor> create(WakuNode node);
}
