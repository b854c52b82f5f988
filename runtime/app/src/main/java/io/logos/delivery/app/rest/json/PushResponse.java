package io.logos.delivery.app.rest.json;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer of {@code POST /lightpush/v3/message}: the relay peer count on success, else why not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushResponse(String statusDesc, Integer relayPeerCount) {

    public static PushResponse relayedTo(int peers) {
        return new PushResponse(null, peers);
    }

    public static PushResponse failed(String description) {
        return new PushResponse(description, null);
    }
}
