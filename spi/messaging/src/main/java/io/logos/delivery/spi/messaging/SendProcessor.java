package io.logos.delivery.spi.messaging;

import java.util.concurrent.CompletableFuture;

/**
 * One way of handing a message to the network. The delivery service calls it for a message's first transmission
 * and its re-sends; it must not block, and never fails its future: every problem is a {@link SendResult}.
 */
public interface SendProcessor {

    /** The strategy's name, as in events and logs. */
    String name();

    CompletableFuture<SendResult> send(OutgoingMessage message);
}
