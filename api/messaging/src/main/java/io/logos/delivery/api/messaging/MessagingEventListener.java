package io.logos.delivery.api.messaging;

/**
 * Receives a {@link MessagingApi}'s events, in the order they happened, on one thread of the messaging layer.
 * Must not block: hand long work to another thread.
 */
@FunctionalInterface
public interface MessagingEventListener {
    void onEvent(MessagingEvent event);
}
