package io.logos.delivery.messaging.delivery;

import io.logos.delivery.api.messaging.MessagingEvent;

/** Where the delivery service's parts report the events a {@code MessagingApi} publishes. */
@FunctionalInterface
public interface EventSink {

    /** Queues {@code event} for the listeners; returns at once, from any thread. */
    void emit(MessagingEvent event);
}
