package io.logos.delivery.messaging.send;

import io.logos.delivery.api.kernel.node.StoreClient;
import io.logos.delivery.api.messaging.MessagingOptions;
import io.logos.delivery.api.messaging.RequestId;
import io.logos.delivery.messaging.EventSink;
import io.logos.delivery.spi.messaging.OutgoingMessage;
import io.logos.delivery.spi.messaging.SendProcessor;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Sends messages through a chain of {@link SendProcessor}s and follows each until a store confirms it, the
 * propagation window closes, or it needs no confirmation. CONTRACT ONLY: being implemented.
 */
public final class SendService {

    /**
     * @param chain          the processors in the order they are tried
     * @param store          confirms durable messages by hash-presence queries
     * @param events         receives propagated / sent / send-error events
     * @param deliveryThread the thread every method is called on, and that completions must hop back onto
     */
    public SendService(List<SendProcessor> chain, StoreClient store, MessagingOptions options, EventSink events,
                       Executor deliveryThread) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** Starts the first transmission of {@code message}; called on the delivery thread. */
    public void submit(RequestId id, OutgoingMessage message) {
        throw new UnsupportedOperationException("being implemented");
    }

    /** One service-loop round on the delivery thread: re-sends, store confirmations, give-ups. */
    public void runRound() {
        throw new UnsupportedOperationException("being implemented");
    }
}
