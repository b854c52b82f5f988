package io.logos.delivery.api.messaging;

import java.util.Objects;
import java.util.UUID;

/** Names one {@link MessagingApi#send} call in the send events that follow it. */
public record RequestId(String value) {

    public RequestId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a request id must not be blank");
        }
    }

    /** A new, unique id. */
    public static RequestId random() {
        return new RequestId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
