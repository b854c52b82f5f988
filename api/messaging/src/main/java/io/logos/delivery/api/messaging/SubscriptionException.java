package io.logos.delivery.api.messaging;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Some content topics of a subscribe or unsubscribe call were refused for a reason that will not go away (an
 * invalid topic, not subscribed, not started). The other topics of the call were applied.
 */
public final class SubscriptionException extends RuntimeException {

    private final List<SubscriptionError> errors;

    public SubscriptionException(List<SubscriptionError> errors) {
        super(errors.stream().map(e -> e.contentTopic() + ": " + e.error()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    /** One entry per refused content topic. */
    public List<SubscriptionError> errors() {
        return errors;
    }
}
