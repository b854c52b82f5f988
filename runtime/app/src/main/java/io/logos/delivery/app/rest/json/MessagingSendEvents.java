package io.logos.delivery.app.rest.json;

import java.util.List;

/** The send events of one request, oldest first. */
public record MessagingSendEvents(String requestId, List<MessagingSendEvent> events) {

    public MessagingSendEvents {
        events = List.copyOf(events);
    }
}
