package io.logos.delivery.app.rest;

import io.logos.delivery.api.kernel.MessageHash;
import io.logos.delivery.api.kernel.node.Registration;
import io.logos.delivery.api.messaging.MessagingApi;
import io.logos.delivery.api.messaging.MessagingEvent;
import io.logos.delivery.api.messaging.MessagingEvent.MessagePropagated;
import io.logos.delivery.api.messaging.MessagingEvent.MessageReceived;
import io.logos.delivery.api.messaging.MessagingEvent.MessageSendError;
import io.logos.delivery.api.messaging.MessagingEvent.MessageSent;
import io.logos.delivery.app.rest.json.MessagingReceived;
import io.logos.delivery.app.rest.json.MessagingSendEvent;
import io.logos.delivery.app.rest.json.MessagingSendEvents;
import io.logos.delivery.app.rest.json.RestWakuMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a messaging API's events until a REST client reads them: send events grouped by request (at most
 * {@code maxRequests} requests, the oldest dropped first) and received messages (at most {@code maxReceived}).
 * Reading takes them out. Thread-safe.
 */
final class MessagingEventBuffer implements AutoCloseable {

    private final Map<String, List<MessagingSendEvent>> sendEvents = new LinkedHashMap<>();
    private final Deque<MessagingReceived> received = new ArrayDeque<>();
    private final int maxRequests;
    private final int maxReceived;
    private final Clock clock;
    private final Registration listening;

    MessagingEventBuffer(MessagingApi api, int maxRequests, int maxReceived, Clock clock) {
        this.maxRequests = maxRequests;
        this.maxReceived = maxReceived;
        this.clock = clock;
        this.listening = api.addListener(this::record);
    }

    private synchronized void record(MessagingEvent event) {
        switch (event) {
            case MessagePropagated e -> addSendEvent(e.requestId().value(), "propagated", Optional.of(e.hash()), null);
            case MessageSent e -> addSendEvent(e.requestId().value(), "sent", Optional.of(e.hash()), null);
            case MessageSendError e -> addSendEvent(e.requestId().value(), "error", e.hash(), e.error());
            case MessageReceived e -> {
                if (received.size() == maxReceived) {
                    received.removeFirst();
                }
                received.addLast(new MessagingReceived(e.hash().toHex(), RestWakuMessage.relayed(e.message())));
            }
            case MessagingEvent.ConnectionStatusChanged ignored -> { }
        }
    }

    private void addSendEvent(String requestId, String kind, Optional<MessageHash> hash, String error) {
        if (!sendEvents.containsKey(requestId) && sendEvents.size() == maxRequests) {
            Iterator<String> oldest = sendEvents.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        sendEvents.computeIfAbsent(requestId, id -> new ArrayList<>())
                .add(new MessagingSendEvent(kind, hash.map(MessageHash::toHex).orElse(null), error, nanos(clock.instant())));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Every request's events, then forgets them. */
    synchronized List<MessagingSendEvents> takeSendEvents() {
        List<MessagingSendEvents> all = sendEvents.entrySet().stream()
                .map(entry -> new MessagingSendEvents(entry.getKey(), entry.getValue())).toList();
        sendEvents.clear();
        return all;
    }

    /** One request's events, then forgets them; empty when there are none. */
    synchronized Optional<MessagingSendEvents> takeSendEvents(String requestId) {
        return Optional.ofNullable(sendEvents.remove(requestId))
                .map(events -> new MessagingSendEvents(requestId, events));
    }

    /** The messages received since the last call. */
    synchronized List<MessagingReceived> takeReceived() {
        List<MessagingReceived> all = List.copyOf(received);
        received.clear();
        return all;
    }

    @Override
    public void close() {
        listening.close();
    }
}
