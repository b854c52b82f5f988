package io.logos.delivery.api.messaging;

import java.util.Objects;

/** Why one content topic of a {@link MessagingApi#subscribe} or {@link MessagingApi#unsubscribe} call was refused. */
public record SubscriptionError(String contentTopic, String error) {

    public SubscriptionError {
        Objects.requireNonNull(contentTopic, "contentTopic");
        Objects.requireNonNull(error, "error");
    }
}
