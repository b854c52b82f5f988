package io.logos.delivery.messaging.testing;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.messaging.MessagingEvent;
import io.logos.delivery.api.messaging.MessagingEvent.MessageReceived;
import io.logos.delivery.messaging.delivery.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event emitted, in order. */
public final class RecordingEventSink implements EventSink {

    private final List<MessagingEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void emit(MessagingEvent event) {
        events.add(event);
    }

    public List<MessagingEvent> events() {
        return List.copyOf(events);
    }

    /** The hashes of the {@code message:received} events, in emission order. */
    public List<MessageHash> receivedHashes() {
        return events.stream().filter(MessageReceived.class::isInstance).map(MessageReceived.class::cast)
                .map(MessageReceived::hash).toList();
    }

    public boolean received(MessageHash hash) {
        return receivedHashes().contains(hash);
    }
}
