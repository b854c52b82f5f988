package io.logos.delivery.messaging.send;

import io.logos.delivery.api.messaging.MessagingEvent;
import io.logos.delivery.messaging.delivery.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the events the send service emits, in order, for assertions from the test thread. */
final class RecordingEvents implements EventSink {

    private final List<MessagingEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void emit(MessagingEvent event) {
        events.add(event);
    }

    List<MessagingEvent> all() {
        return List.copyOf(events);
    }

    boolean contains(MessagingEvent event) {
        return events.contains(event);
    }
}
