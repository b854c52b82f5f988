package io.logos.delivery.messaging;

import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.messaging.MessagingEvent;
import io.logos.delivery.api.messaging.MessagingEventListener;
import io.logos.delivery.messaging.delivery.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to the application's listeners on one thread of their own, in emission order, so that a slow
 * listener delays other listeners but never the delivery service.
 */
final class MessagingEvents implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessagingEvents.class);

    private final List<MessagingEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("logos-messaging-events").factory());

    Registration add(MessagingEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void emit(MessagingEvent event) {
        if (!thread.isShutdown()) {
            thread.execute(() -> listeners.forEach(listener -> deliver(listener, event)));
        }
    }

    private static void deliver(MessagingEventListener listener, MessagingEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("A messaging event listener failed on {}", event, e);
        }
    }

    /** Delivers the events already emitted, then stops. */
    @Override
    public void close() {
        thread.shutdown();
    }
}
